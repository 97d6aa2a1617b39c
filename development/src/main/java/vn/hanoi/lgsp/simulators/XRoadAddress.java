package vn.hanoi.lgsp.simulators;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An NDXP member address, {@code VN:GOV:<agency code>:<subsystem>}, following X-Road's scheme. */
record XRoadAddress(String agencyCode, String subsystem) {

    private static final Pattern FORM = Pattern.compile("VN:GOV:([0-9A-Z.]{1,35}):([A-Za-z0-9._-]{1,64})");
    /** Service members need not be state bodies: VNPost, a state-owned company, is of class COM. */
    private static final Pattern MEMBER = Pattern.compile("VN:(GOV|COM):[0-9A-Z.]{1,35}:[A-Za-z0-9._-]{1,64}");

    static XRoadAddress parse(String text, String field) {
        Fields.required(text, field);
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            throw Fields.invalid("Trường " + field + " phải có dạng VN:GOV:<mã định danh cơ quan>:<hệ thống con>");
        }
        return new XRoadAddress(matcher.group(1), matcher.group(2));
    }

    /** The address of a service member of any class NDXP knows, as it was written. */
    static String member(String text, String field) {
        Fields.required(text, field);
        if (!MEMBER.matcher(text).matches()) {
            throw Fields.invalid("Trường " + field + " phải có dạng VN:<GOV|COM>:<mã thành viên>:<hệ thống con>");
        }
        return text;
    }

    @Override
    public String toString() {
        return "VN:GOV:" + agencyCode + ":" + subsystem;
    }
}
