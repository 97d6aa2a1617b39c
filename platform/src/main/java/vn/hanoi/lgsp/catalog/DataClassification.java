package vn.hanoi.lgsp.catalog;

/**
 * How sensitive the data a service returns is. Decides how carefully access is granted:
 * personal data falls under Decree 13/2023.
 */
public enum DataClassification { PUBLIC, INTERNAL, PERSONAL_DATA, CONFIDENTIAL }
