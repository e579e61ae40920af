#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/conf.h"
#include "util/err.h"
#include "util/i18n.h"
#include "util/outfile.h"
#include "util/xalloc.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static mode_t umask_now; /* the process's umask, read once */
static gid_t share_gid;  /* [files] group, when it names one */
static bool share;

static void init_once(void)
{
	umask_now = umask(022);
	umask(umask_now);
	char buf[4096];
	struct group g, *gp = NULL;
	if (conf.files_group && *conf.files_group &&
	    !getgrnam_r(conf.files_group, &g, buf, sizeof buf, &gp) && gp) {
		share_gid = gp->gr_gid;
		share = true;
	}
}

static int exists(const char *path)
{
	return err_set(RD_EXISTS, _("%s already exists; use --force to overwrite it"), path);
}

int outfile_check(const char *path, bool force)
{
	struct stat sb;
	/* lstat: a symbolic link counts as a file even when it leads nowhere. */
	if (!force && !lstat(path, &sb))
		return exists(path);
	return RD_OK;
}

/* path's directory ("." when it has none) and its last part; new strings. */
static void split(const char *path, char **dir, char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = xstrdup(".");
		*base = xstrdup(path);
	} else {
		*dir = xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
		*base = xstrdup(slash + 1);
	}
}

/* A template beside path: DIR/.BASE.XXXXXX (the base cut so that the name stays short). */
static char *template_for(const char *path)
{
	char *dir, *base;
	split(path, &dir, &base);
	if (strlen(base) > 200)
		base[200] = '\0';
	char *t = xasprintf("%s/.%s.XXXXXX", dir, base);
	free(dir);
	free(base);
	return t;
}

static void reset(struct outfile *of)
{
	free(of->path);
	free(of->tmp);
	free(of->dir);
	memset(of, 0, sizeof *of);
	of->fd = -1;
}

static int start(struct outfile *of, const char *path, bool force, enum outfile_kind kind)
{
	pthread_once(&once, init_once);
	memset(of, 0, sizeof *of);
	of->fd = -1;
	if (!*path)
		return err_set(RD_INVALID, _("no file name given"));
	int rc = outfile_check(path, force);
	if (rc)
		return rc;
	of->path = xstrdup(path);
	of->force = force;
	of->kind = kind;
	return RD_OK;
}

int outfile_begin(struct outfile *of, const char *path, bool force, enum outfile_kind kind)
{
	int rc = start(of, path, force, kind);
	if (rc)
		return rc;
	of->tmp = template_for(path);
	/* mkostemp: a new name, O_CREAT | O_EXCL, mode 0600. */
	of->fd = mkostemp(of->tmp, O_CLOEXEC);
	if (of->fd < 0) {
		rc = err_set(RD_FAIL, _("cannot write %s: %s"), path, strerror(errno));
		free(of->tmp);
		of->tmp = NULL;
		reset(of);
		return rc;
	}
	return RD_OK;
}

int outfile_begin_named(struct outfile *of, const char *path, bool force, enum outfile_kind kind)
{
	int rc = start(of, path, force, kind);
	if (rc)
		return rc;
	of->dir = template_for(path);
	/* mkdtemp: a new directory of mode 0700 that no one else may enter. */
	if (!mkdtemp(of->dir)) {
		rc = err_set(RD_FAIL, _("cannot write %s: %s"), path, strerror(errno));
		free(of->dir);
		of->dir = NULL;
		reset(of);
		return rc;
	}
	char *dir, *base;
	split(path, &dir, &base);
	of->tmp = xasprintf("%s/%s", of->dir, base);
	free(dir);
	free(base);
	return RD_OK;
}

int outfile_write(struct outfile *of, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(of->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return err_set(RD_FAIL, _("cannot write %s: %s"), of->path,
			               strerror(w ? errno : EIO));
		p += w;
		len -= (size_t)w;
	}
	return RD_OK;
}

/* Gives the file its mode: personal data 0600 (0640 in the [files] group), else the umask's. */
static int set_mode(struct outfile *of, int fd)
{
	mode_t mode = 0666 & ~umask_now;
	if (of->kind == OUTFILE_PERSONAL) {
		mode = 0600;
		if (share) {
			if (!fchown(fd, (uid_t)-1, share_gid))
				mode = 0640;
			else
				err_warn(_("%s: you are not in group %s, so only you may read it"),
				         of->path, conf.files_group);
		}
	}
	if (fchmod(fd, mode))
		return err_set(RD_FAIL, _("cannot write %s: %s"), of->path, strerror(errno));
	return RD_OK;
}

/* Renames tmp to path; without force never over an existing name (EEXIST). */
static int place(const char *tmp, const char *path, bool force)
{
	if (force)
		return rename(tmp, path);
#ifdef RENAME_NOREPLACE
	if (!renameat2(AT_FDCWD, tmp, AT_FDCWD, path, RENAME_NOREPLACE))
		return 0;
	if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
		return -1;
#endif
	/* A hard link never replaces either. */
	if (!link(tmp, path)) {
		unlink(tmp);
		return 0;
	}
	if (errno == EEXIST)
		return -1;
	/* A file system without links: check, then rename. */
	struct stat sb;
	if (!lstat(path, &sb)) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

int outfile_commit(struct outfile *of)
{
	int rc = RD_OK;
	if (of->fd >= 0) {
		rc = set_mode(of, of->fd);
		if (close(of->fd) && !rc)
			rc = err_set(RD_FAIL, _("cannot write %s: %s"), of->path, strerror(errno));
		of->fd = -1;
	} else {
		/* Made by a library inside our private directory: it must be a plain file. */
		int fd = open(of->tmp, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		struct stat sb;
		if (fd < 0 || fstat(fd, &sb) || !S_ISREG(sb.st_mode))
			rc = err_set(RD_FAIL, _("cannot write %s: %s"), of->path,
			             fd < 0 ? strerror(errno) : _("not a file"));
		else
			rc = set_mode(of, fd);
		if (fd >= 0)
			close(fd);
	}
	if (!rc && place(of->tmp, of->path, of->force))
		rc = errno == EEXIST
		         ? exists(of->path)
		         : err_set(RD_FAIL, _("cannot write %s: %s"), of->path, strerror(errno));
	if (rc) {
		outfile_abort(of);
		return rc;
	}
	if (of->dir)
		rmdir(of->dir);
	reset(of);
	return RD_OK;
}

void outfile_abort(struct outfile *of)
{
	if (of->fd >= 0)
		close(of->fd);
	if (of->tmp)
		unlink(of->tmp);
	if (of->dir) {
		/* Anything a library left beside its file (SQLite's journal, say). */
		static const char *const extra[] = {"-journal", "-wal", "-shm"};
		for (size_t i = 0; of->tmp && i < sizeof extra / sizeof extra[0]; i++) {
			char *p = xasprintf("%s%s", of->tmp, extra[i]);
			unlink(p);
			free(p);
		}
		rmdir(of->dir);
	}
	reset(of);
}

int outfile_save(const char *path, const void *data, size_t len, bool force, enum outfile_kind kind)
{
	struct outfile of;
	int rc = outfile_begin(&of, path, force, kind);
	if (rc)
		return rc;
	rc = outfile_write(&of, data, len);
	if (rc) {
		outfile_abort(&of);
		return rc;
	}
	return outfile_commit(&of);
}

int outfile_dir(const char *dir)
{
	pthread_once(&once, init_once);
	struct stat sb;
	if (lstat(dir, &sb)) {
		if (errno != ENOENT || mkdir(dir, 0777))
			return err_set(RD_FAIL, _("cannot make the directory %s: %s"), dir,
			               strerror(errno));
		return RD_OK;
	}
	uid_t me = getuid();
	/* A link is followed only when it is the caller's (or root's) own. */
	if (S_ISLNK(sb.st_mode) && sb.st_uid != me && sb.st_uid != 0)
		return err_set(RD_DENIED,
		               _("%s is a symbolic link of another account; name a directory of "
		                 "your own"),
		               dir);
	if (stat(dir, &sb))
		return err_set(RD_FAIL, _("cannot write into %s: %s"), dir, strerror(errno));
	if (!S_ISDIR(sb.st_mode))
		return err_set(RD_INVALID, _("%s is not a directory"), dir);
	if (sb.st_uid != me && sb.st_uid != 0 && (sb.st_mode & S_IWOTH))
		return err_set(RD_DENIED,
		               _("%s belongs to another account and anyone may write into it; "
		                 "name a directory of your own"),
		               dir);
	return RD_OK;
}
