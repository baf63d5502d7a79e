package io.beacon.watchtower.services;

/**
 * A service to check.
 *
 * @param name its name in {@code /status} and metrics
 * @param kind what it is
 * @param url its base address, without a trailing slash
 */
public record Service(String name, String kind, String url) {

	public static final String GATEWAY = "gateway";

	static Service gateway(String url) {
		String base = trimSlash(url);
		return new Service("gateway-" + base.replaceFirst("^https?://", ""), GATEWAY, base);
	}

	static Service of(String kind, String url) {
		return new Service(kind, kind, trimSlash(url));
	}

	private static String trimSlash(String url) {
		String trimmed = url.trim();
		return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
	}

}
