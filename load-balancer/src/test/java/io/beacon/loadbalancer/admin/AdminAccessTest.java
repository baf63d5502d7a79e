package io.beacon.loadbalancer.admin;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.server.PathContainer;

import static org.assertj.core.api.Assertions.assertThat;

/** Which paths the admin guard covers: every spelling the router takes for /admin. */
class AdminAccessTest {

	@ParameterizedTest
	@ValueSource(strings = { "/admin", "/admin/", "/admin/backends", "/admin;x=y/backends", "/admin;/backends",
			"/%61dmin/backends", "/ADMIN/backends", "//admin/backends", "/admin/backends;x=y", "/admin/anything" })
	void guardsEverySpellingOfAdmin(String path) {
		assertThat(AdminAccess.isAdminPath(PathContainer.parsePath(path))).as(path).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "/", "/ingest/state", "/ingest/admin", "/administrator", "/actuator/health",
			"/ingest/../admin/backends" })
	void letsEverythingElseThrough(String path) {
		assertThat(AdminAccess.isAdminPath(PathContainer.parsePath(path))).as(path).isFalse();
	}

}
