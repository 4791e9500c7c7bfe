/* spec_parse_process: a bare process object, as `exec --process` reads it. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "arca/cleanup.h"
#include "check.h"
#include "spec/spec_json.h"

static char *error_of(const char *text)
{
	_cleanup_free_ char *json = strdup(text);
	for (char *p = json; *p; p++)
		if (*p == '\'')
			*p = '"';
	struct spec_process *process = NULL;
	struct arca_error *err = NULL;
	int r = spec_parse_process(json, strlen(json), "process.json", &process, &err);
	CHECK((r < 0) == (process == NULL));
	spec_process_free(process);
	char *msg = r < 0 ? strdup(err->msg) : NULL;
	arca_error_free(err);
	return msg;
}

#define CHECK_ERROR(text, expected)                                                                \
	do {                                                                                       \
		char *msg_ = error_of(text);                                                       \
		CHECK_STREQ(msg_, expected);                                                       \
		free(msg_);                                                                        \
	} while (0)

static void test_process_loads(void)
{
	const char *json = "{\"terminal\": false, \"user\": {\"uid\": 5, \"gid\": 6}, "
	                   "\"args\": [\"ls\", \"-l\"], \"env\": [\"A=b\"], \"cwd\": \"/srv\", "
	                   "\"x-unknown\": {}}";
	_cleanup_spec_process_ struct spec_process *process = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(spec_parse_process(json, strlen(json), "process.json", &process, &err) == 0);
	CHECK(process != NULL);
	if (!process)
		return;
	CHECK(process->user.uid == 5 && process->user.gid == 6);
	CHECK(process->args.len == 2);
	CHECK_STREQ(process->args.items[1], "-l");
	CHECK_STREQ(process->env.items[0], "A=b");
	CHECK_STREQ(process->cwd, "/srv");
}

static void test_process_errors(void)
{
	CHECK_ERROR("{'args': ['sh'], 'user': {'uid': 0, 'gid': 0}}",
	            "process.json: cwd: required");
	CHECK_ERROR("{'cwd': 'x', 'args': ['sh'], 'user': {'uid': 0, 'gid': 0}}",
	            "process.json: cwd: must be an absolute path, got \"x\"");
	CHECK_ERROR("{'cwd': '/', 'args': ['sh'], 'user': {'uid': 0, 'gid': 0}, 'env': ['X']}",
	            "process.json: env[0]: expected KEY=value, got \"X\"");
	CHECK_ERROR("{'cwd': '/', 'args': [], 'user': {'uid': 0, 'gid': 0}}",
	            "process.json: args: must not be empty");
	CHECK_ERROR("{'cwd': '/', 'args': ['sh'], 'user': {'uid': 0, 'gid': 0}, "
	            "'ioPriority': {'class': 'IOPRIO_CLASS_RT', 'priority': 0}}",
	            "process.json: ioPriority is not supported yet");
	CHECK_ERROR("{'cwd': '/', 'user': {'uid': '0'}}",
	            "process.json: user.uid: expected an integer, got a string");
	CHECK_ERROR("{'cwd': '/',\n'args': [}",
	            "process.json:2:10: parse error: unallowed token at "
	            "this point in JSON text");
	CHECK_ERROR("[]", "process.json: expected an object, got an array");
}

int main(void)
{
	RUN(test_process_loads);
	RUN(test_process_errors);
	return check_exit();
}
