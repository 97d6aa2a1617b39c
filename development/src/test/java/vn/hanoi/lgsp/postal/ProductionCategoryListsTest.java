package vn.hanoi.lgsp.postal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.JavaMigration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import vn.hanoi.lgsp.category.AdministrativeUnits;
import vn.hanoi.lgsp.contract.ApiException;
import vn.hanoi.lgsp.support.PlatformTest;

/**
 * A production installation — the migrations without the demo data, on an empty database of the
 * real PostgreSQL — has the national category lists from its first start (R-12, Đ10.3): every
 * administrative unit in force since 1 July 2025, so postal addresses validate in production.
 */
class ProductionCategoryListsTest extends PlatformTest {

    @Autowired
    JdbcTemplate platformDatabase;
    @Autowired
    Environment environment;
    @Autowired
    ApplicationContext context;

    private final String database = "lgsp_production_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void dropDatabase() {
        platformDatabase.execute("drop database if exists " + database + " with (force)");
    }

    @Test
    void aProductionDatabaseHoldsEveryUnitAndAHanoiWardValidates() {
        platformDatabase.execute("create database " + database);
        String url = environment.getProperty("spring.datasource.url").replaceFirst("/[^/?]+(\\?|$)", "/" + database + "$1");
        DriverManagerDataSource production = new DriverManagerDataSource(url,
                environment.getProperty("spring.datasource.username"), environment.getProperty("spring.datasource.password"));
        Flyway.configure().dataSource(production).schemas("lgsp").defaultSchema("lgsp")
                .locations("classpath:db/migration")
                // as the platform sets it: an index built concurrently waits for Flyway's own lock otherwise
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .javaMigrations(context.getBeansOfType(JavaMigration.class).values().toArray(JavaMigration[]::new))
                .load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(production);

        Map<String, Object> counts = jdbc.queryForMap("""
                select count(*) filter (where unit_type = 'PROVINCE') as provinces,
                       count(*) filter (where unit_type <> 'PROVINCE') as units,
                       count(*) filter (where unit_type = 'WARD') as wards,
                       count(*) filter (where unit_type = 'COMMUNE') as communes,
                       count(*) filter (where unit_type = 'SPECIAL_ZONE') as zones,
                       count(*) filter (where parent_code = '01') as hanoi,
                       count(*) filter (where parent_code = '01' and unit_type = 'WARD') as hanoi_wards
                from lgsp.administrative_unit where valid_to is null""");
        assertThat(counts).containsEntry("provinces", 34L).containsEntry("units", 3321L).containsEntry("wards", 687L)
                .containsEntry("communes", 2621L).containsEntry("zones", 13L).containsEntry("hanoi", 126L)
                .containsEntry("hanoi_wards", 51L);
        assertThat(jdbc.queryForObject("select count(*) from lgsp.agency where code = '000.00.00.H26'", Integer.class))
                .isEqualTo(1);
        assertThat(jdbc.queryForList("select list_name from lgsp.category_version where version = 1", String.class))
                .containsExactlyInAnyOrder("administrative-units", "agencies", "procedures");
        assertThat(jdbc.queryForObject("select count(*) from lgsp.agency where code like '%.H26' and code <> '000.00.00.H26'",
                Integer.class)).as("no demo agency").isZero();

        ShipmentValidator validator = new ShipmentValidator(new AdministrativeUnits(jdbc));
        ValidShipment valid = validator.validate("000.00.13.H26", request("01", "00577"));
        assertThat(valid.recipient().wardCode()).isEqualTo("00577");
        // a Ho Chi Minh City ward under Hanoi's code is still refused
        assertThatThrownBy(() -> validator.validate("000.00.13.H26", request("01", "26740")))
                .isInstanceOf(ApiException.class).hasMessageContaining("is not in province 01");
    }

    private static ShipmentRequest request(String province, String ward) {
        return new ShipmentRequest("HS-2026-0001", "1.001193.000.00.00.H26", "STANDARD",
                new ShipmentRequest.Recipient("Nguyễn Thị Lan", "0912345678", "Thôn Giang Cao", province, ward, null),
                List.of(new ShipmentRequest.Item("Giấy khai sinh", 50)), 0);
    }
}
