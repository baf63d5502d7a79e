package io.beacon.loadbalancer.backend;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A gateway's base address, normalized to {@code scheme://host:port}: http or https, a
 * host and a port, nothing else.
 */
public final class BackendUrl {

	private BackendUrl() {
	}

	/**
	 * Read a base address.
	 * @param text what the client sent
	 * @return the normalized address
	 * @throws InvalidBackendUrlException saying what is wrong
	 */
	public static URI parse(String text) {
		if (text == null || text.isBlank()) {
			throw new InvalidBackendUrlException("url is required, e.g. \"http://localhost:8012\"");
		}
		URI uri;
		try {
			uri = new URI(text.trim());
		}
		catch (URISyntaxException ex) {
			throw new InvalidBackendUrlException("url is not a URL: " + ex.getReason());
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : null;
		if (!"http".equals(scheme) && !"https".equals(scheme)) {
			throw new InvalidBackendUrlException("url must start with http:// or https://, not \"" + text + "\"");
		}
		if (uri.getHost() == null) {
			throw new InvalidBackendUrlException("url must name a host, as in \"http://localhost:8012\"");
		}
		if (uri.getPort() < 0) {
			throw new InvalidBackendUrlException("url must name a port, as in \"http://localhost:8012\"");
		}
		if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null
				|| (uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/"))) {
			throw new InvalidBackendUrlException(
					"url must be a gateway's base address (scheme, host and port only), not \"" + text + "\"");
		}
		return URI.create(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + uri.getPort());
	}

}
