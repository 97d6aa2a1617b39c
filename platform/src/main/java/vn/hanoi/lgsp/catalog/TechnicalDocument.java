package vn.hanoi.lgsp.catalog;

/** A technical document of a service version: connection guide, data dictionary, test report… */
public record TechnicalDocument(String title, String url) {
}
