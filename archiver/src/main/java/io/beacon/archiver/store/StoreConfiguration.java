package io.beacon.archiver.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class StoreConfiguration {

	@Bean
	Dialect dialect(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			return Dialect.of(connection);
		}
	}

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
