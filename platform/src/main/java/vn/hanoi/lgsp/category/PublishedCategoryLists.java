package vn.hanoi.lgsp.category;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.stereotype.Component;

/**
 * Migration 21.1: the national category lists as published — every administrative unit in
 * force since 1 July 2025 (34 provinces and cities, 3,321 wards, communes and special zones),
 * the level-1 agency codes, and the national procedure codes — loaded from the CSV files in
 * {@code db/categories}, whose headers name their sources. Part of every start, demo data or not,
 * so a production platform validates postal addresses from its first day.
 */
@Component
class PublishedCategoryLists implements JavaMigration {

    static final LocalDate UNITS_IN_FORCE = LocalDate.of(2025, 7, 1);
    static final String UNITS_FILE = "db/categories/administrative-units-2025-07-01.csv";
    static final String AGENCIES_FILE = "db/categories/agency-codes-level-1.csv";
    static final String PROCEDURES_FILE = "db/categories/procedure-codes.csv";
    private static final List<String> FILES = List.of(UNITS_FILE, AGENCIES_FILE, PROCEDURES_FILE);

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("21.1");
    }

    @Override
    public String getDescription() {
        return "published national category lists";
    }

    /** The files' content: a corrected list is a new migration, never a silent change of this one. */
    @Override
    public Integer getChecksum() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String file : FILES) {
                try (InputStream in = resource(file)) {
                    digest.update(in.readAllBytes());
                }
            }
            byte[] hash = digest.digest();
            return ((hash[0] & 0xff) << 24) | ((hash[1] & 0xff) << 16) | ((hash[2] & 0xff) << 8) | (hash[3] & 0xff);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("The category list files cannot be read", e);
        }
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection db = context.getConnection();
        List<String[]> units = rows(UNITS_FILE, 4);
        // a unit already open under its code (an earlier installation's own row) is left as it is
        try (PreparedStatement insert = db.prepareStatement("""
                insert into administrative_unit (code, name, unit_type, parent_code, valid_from)
                select ?, ?, ?, ?, ? where not exists (
                    select 1 from administrative_unit where code = ? and valid_to is null)""")) {
            for (String[] unit : units) {
                insert.setString(1, unit[0]);
                insert.setString(2, unit[1]);
                insert.setString(3, unit[2]);
                insert.setString(4, unit[3].isEmpty() ? null : unit[3]);
                insert.setDate(5, Date.valueOf(UNITS_IN_FORCE));
                insert.setString(6, unit[0]);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<String[]> agencies = rows(AGENCIES_FILE, 4);
        try (PreparedStatement insert = db.prepareStatement("""
                insert into agency (code, name, english_name, level, parent_code, status, valid_from)
                values (?, ?, ?, ?, null, 'ACTIVE', ?) on conflict (code) do nothing""")) {
            for (String[] agency : agencies) {
                insert.setString(1, agency[0]);
                insert.setString(2, agency[1]);
                insert.setString(3, agency[2]);
                insert.setInt(4, Integer.parseInt(agency[3]));
                insert.setDate(5, Date.valueOf(LocalDate.of(2020, 1, 1)));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        List<String[]> procedures = rows(PROCEDURES_FILE, 2);
        try (PreparedStatement insert = db.prepareStatement(
                "insert into procedure_code (code, name, valid_from) values (?, ?, ?) on conflict do nothing")) {
            for (String[] procedure : procedures) {
                insert.setString(1, procedure[0]);
                insert.setString(2, procedure[1]);
                insert.setDate(3, Date.valueOf(UNITS_IN_FORCE));
                insert.addBatch();
            }
            insert.executeBatch();
        }
        try (PreparedStatement version = db.prepareStatement("""
                insert into category_version (list_name, version, effective_date, source, summary)
                values (?, 1, ?, ?, ?)""")) {
            version(version, CategoryLists.ADMINISTRATIVE_UNITS, UNITS_IN_FORCE, UNITS_FILE,
                    units.size() + " units as published by the statistics office (Cục Thống kê)");
            version(version, CategoryLists.AGENCIES, LocalDate.of(2025, 3, 1), AGENCIES_FILE,
                    agencies.size() + " level-1 codes of Decision 20/2020/QĐ-TTg as amended by Decision 09/2025/QĐ-TTg");
            version(version, CategoryLists.PROCEDURES, UNITS_IN_FORCE, PROCEDURES_FILE,
                    procedures.size() + " national procedure codes");
            version.executeBatch();
        }
    }

    private static void version(PreparedStatement statement, String list, LocalDate effective, String source,
                                String summary) throws java.sql.SQLException {
        statement.setString(1, list);
        statement.setDate(2, Date.valueOf(effective));
        statement.setString(3, source);
        statement.setString(4, summary);
        statement.addBatch();
    }

    /** The data rows of a list file: comment lines ({@code #}) and the header skipped, RFC 4180 quoting. */
    static List<String[]> rows(String file, int columns) throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(resource(file), StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] fields = fields(line);
                if (fields.length != columns) {
                    throw new IllegalStateException(file + ": expected " + columns + " fields in '" + line + "'");
                }
                rows.add(fields);
            }
        }
        return rows;
    }

    private static String[] fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields.toArray(String[]::new);
    }

    private static InputStream resource(String file) throws IOException {
        InputStream in = PublishedCategoryLists.class.getClassLoader().getResourceAsStream(file);
        if (in == null) {
            throw new IOException("No " + file + " on the class path");
        }
        return in;
    }
}
