package io.beacon.archiver.web;

/** What was asked for is not in the archive: answered {@code 404}. */
class NotFoundException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	NotFoundException(String message) {
		super(message, null, false, false);
	}

}
