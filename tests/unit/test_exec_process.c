/* exec_process_build: the config's process with exec's options applied, as
 * runc applies them. */
#include <errno.h>
#include <string.h>

#include "arca/cleanup.h"
#include "check.h"
#include "container/exec.h"
#include "spec/spec_json.h"

static const char config_json[] =
    "{\"ociVersion\": \"1.0.2\", \"root\": {\"path\": \"rootfs\"},"
    " \"process\": {\"terminal\": true, \"user\": {\"uid\": 1, \"gid\": 2,"
    " \"additionalGids\": [7]}, \"args\": [\"sleep\", \"9\"], \"env\": [\"A=config\"],"
    " \"cwd\": \"/srv\", \"capabilities\": {\"bounding\": [\"CAP_KILL\"],"
    " \"effective\": [\"CAP_KILL\"], \"permitted\": [\"CAP_KILL\"]%s}}}";

static struct spec *load_config(const char *extra_caps)
{
	char json[1024];
	snprintf(json, sizeof(json), config_json, extra_caps);
	struct spec *spec = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(spec_parse(json, strlen(json), "config.json", &spec, &err) == 0);
	return spec;
}

static bool has(const struct arca_strv *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->items[i], s) == 0)
			return true;
	return false;
}

static void test_options_applied(void)
{
	_cleanup_spec_ struct spec *config = load_config("");
	if (!config)
		return;
	char *args[] = {"sh", "-c", "true", NULL};
	const char *env[] = {"A=flag", "B=x", NULL};
	const char *caps[] = {"CAP_SYS_ADMIN", NULL};
	uint32_t gids[] = {10, 20};
	struct arca_exec_opts o = {.args = args,
	                           .cwd = "/tmp",
	                           .env = env,
	                           .caps = caps,
	                           .set_uid = true,
	                           .uid = 1000,
	                           .add_gids = gids,
	                           .n_add_gids = 2,
	                           .no_new_privs = true};
	_cleanup_spec_process_ struct spec_process *p = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(exec_process_build(&o, config, &p, &err) == 0);
	if (!p)
		return;
	CHECK(p->args.len == 3);
	CHECK_STREQ(p->args.items[0], "sh");
	CHECK_STREQ(p->cwd, "/tmp");
	CHECK(p->env.len == 3);
	CHECK_STREQ(p->env.items[0], "A=config"); /* env_prepare keeps the last of a key */
	CHECK_STREQ(p->env.items[1], "A=flag");
	CHECK(p->user.uid == 1000 && p->user.gid == 2);
	CHECK(p->user.additional_gids.len == 3);
	CHECK(p->user.additional_gids.items[0] == 7 && p->user.additional_gids.items[2] == 20);
	CHECK(!p->terminal); /* only --tty makes a terminal */
	CHECK(p->no_new_privileges);
	const struct spec_capabilities *c = p->capabilities;
	CHECK(has(&c->bounding, "CAP_SYS_ADMIN") && has(&c->effective, "CAP_SYS_ADMIN") &&
	      has(&c->permitted, "CAP_SYS_ADMIN"));
	CHECK(!has(&c->inheritable, "CAP_SYS_ADMIN"));
	CHECK(c->ambient.len == 0); /* no inheritable capabilities: no ambient ones */
	CHECK(config->process == NULL);
}

static void test_ambient_with_inheritable(void)
{
	_cleanup_spec_ struct spec *config = load_config(", \"inheritable\": [\"CAP_KILL\"]");
	if (!config)
		return;
	char *args[] = {"true", NULL};
	const char *caps[] = {"CAP_NET_RAW", NULL};
	struct arca_exec_opts o = {
	    .args = args, .caps = caps, .set_gid = true, .gid = 5, .tty = true};
	_cleanup_spec_process_ struct spec_process *p = NULL;
	_cleanup_error_ struct arca_error *err = NULL;
	CHECK(exec_process_build(&o, config, &p, &err) == 0);
	if (!p)
		return;
	CHECK(has(&p->capabilities->ambient, "CAP_NET_RAW"));
	CHECK(p->user.uid == 1 && p->user.gid == 5);
	CHECK(p->terminal);
	CHECK_STREQ(p->cwd, "/srv");
}

static void test_refusals(void)
{
	_cleanup_spec_ struct spec *config = load_config("");
	if (!config)
		return;
	char *none[] = {NULL};
	struct arca_exec_opts o = {.args = none};
	struct spec_process *p = NULL;
	struct arca_error *err = NULL;
	CHECK(exec_process_build(&o, config, &p, &err) == -EINVAL);
	CHECK_CONTAINS(err ? err->msg : NULL, "no command given");
	arca_error_free(err);
	err = NULL;

	char *args[] = {"true", NULL};
	o = (struct arca_exec_opts){.args = args, .cwd = "relative"};
	CHECK(exec_process_build(&o, config, &p, &err) == -EINVAL);
	CHECK_CONTAINS(err ? err->msg : NULL, "process.cwd");
	arca_error_free(err);
	err = NULL;

	_cleanup_spec_ struct spec *bare = NULL;
	const char *json = "{\"ociVersion\": \"1.0.2\", \"root\": {\"path\": \"r\"}}";
	CHECK(spec_parse(json, strlen(json), "config.json", &bare, &err) == 0);
	o = (struct arca_exec_opts){.args = args};
	CHECK(bare && exec_process_build(&o, bare, &p, &err) == -EINVAL);
	CHECK_CONTAINS(err ? err->msg : NULL, "--process");
	arca_error_free(err);
}

int main(void)
{
	RUN(test_options_applied);
	RUN(test_ambient_with_inheritable);
	RUN(test_refusals);
	return check_exit();
}
