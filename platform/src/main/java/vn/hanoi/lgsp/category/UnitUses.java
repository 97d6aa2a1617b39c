package vn.hanoi.lgsp.category;

import java.util.List;
import java.util.Set;

/**
 * What another module still has under way towards administrative units — before a change set
 * ends them, someone must decide about it. The modules that hold such things implement this;
 * the category module knows none of their tables.
 */
public interface UnitUses {

    /** One line per thing under way towards any of these unit codes, as staff read it. */
    List<String> uses(Set<String> unitCodes);
}
