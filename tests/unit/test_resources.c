/* The pure parts of linux.resources: runc's value conversions. */
#include <errno.h>

#include "cgroups/resources.h"
#include "check.h"

static void test_cpu_weight(void)
{
	CHECK(res_cpu_weight(0) == 0);
	CHECK(res_cpu_weight(1) == 0);
	CHECK(res_cpu_weight(2) == 1);
	CHECK(res_cpu_weight(1024) == 39); /* 1 + 1022 * 9999 / 262142 */
	CHECK(res_cpu_weight(512) == 20);
	CHECK(res_cpu_weight(262144) == 10000);
}

static void test_io_weight(void)
{
	CHECK(res_io_weight(0) == 0);
	CHECK(res_io_weight(10) == 1);
	CHECK(res_io_weight(500) == 4950); /* 1 + 490 * 9999 / 990 */
	CHECK(res_io_weight(1000) == 10000);
}

static void check_name(const char *in, const char *want)
{
	char out[32] = "";
	int r = res_hugepage_name(in, out, sizeof(out));
	if (want) {
		CHECK(r == 0);
		CHECK_STREQ(out, want);
	} else {
		CHECK(r == -EINVAL);
	}
}

static void test_hugepage_name(void)
{
	check_name("2MB", "2MB");
	check_name("2048KB", "2MB");
	check_name("1GB", "1GB");
	check_name("1024MB", "1GB");
	check_name("64KB", "64KB");
	check_name("3MB", "3MB"); /* a size; whether the host has it is another question */
	check_name("2mb", NULL);
	check_name("2", NULL);
	check_name("MB", NULL);
	check_name("0MB", NULL);
	check_name("-2MB", NULL);
	check_name("2MBx", NULL);
	check_name("99999999999999999999GB", NULL);
}

int main(void)
{
	RUN(test_cpu_weight);
	RUN(test_hugepage_name);
	RUN(test_io_weight);
	return check_exit();
}
