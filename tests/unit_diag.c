/* diag: messages collected, and the paths of a run's temporary folder renamed
 * to the folder the results went to, in the messages made before that. */
#include "diag.h"
#include "testlib.h"
#include <string.h>

TEST(rename_paths_inside_the_folder)
{
    diag d = {0};
    diag_add(&d, "warning: res.tmp-12/charts/a.gp: kept (res.tmp-12/charts/b.gp too)");
    diag_add(&d, "res.tmp-12: not a path inside it; res.tmp-123/x is another folder");
    diag_add(&d, "warning: res.tmp-12/late: made after the commit");
    diag_rename(&d, 2, "res.tmp-12", "out/res");
    CHECK(!strcmp(d.msgs[0], "warning: out/res/charts/a.gp: kept (out/res/charts/b.gp too)"));
    CHECK(!strcmp(d.msgs[1], "res.tmp-12: not a path inside it; res.tmp-123/x is another folder"));
    CHECK(!strcmp(d.msgs[2], "warning: res.tmp-12/late: made after the commit"));
    diag_rename(&d, 9, "res.tmp-12", "r");   /* n past the end: every message */
    CHECK(!strcmp(d.msgs[2], "warning: r/late: made after the commit"));
    diag_clear(&d);
    CHECK(d.n == 0);
}

TEST(at_names_file_line_and_setting)
{
    diag d = {0};
    diag_at(&d, "a.cfg", 12, "sites.[0].cmr", "must be at least %d", 0);
    diag_at(&d, "a.cfg", 0, "seed", "too large");
    CHECK(!strcmp(d.msgs[0], "a.cfg:12: sites.[0].cmr: must be at least 0"));
    CHECK(!strcmp(d.msgs[1], "a.cfg: seed: too large"));
    diag_clear(&d);
}

int main(void)
{
    RUN(rename_paths_inside_the_folder);
    RUN(at_names_file_line_and_setting);
    return test_summary();
}
