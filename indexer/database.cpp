#include "indexer/database.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string_view>
#include <system_error>

#include "common/error.hpp"

namespace idx::indexer {
namespace {

std::string reason(int error) {
    return std::strerror(error);
}

// `changes` and a revision: what Xapian keeps for replicas when asked to
// (set_changesets_kept()).
bool is_changeset(std::string_view name) {
    if (!name.starts_with("changes") || name.size() == 7) return false;
    return name.substr(7).find_first_not_of("0123456789") == std::string_view::npos;
}

// Creating a database in a folder that holds other things would mix the
// database's files into it (`--db /` as root, `--db ~`, a typo naming the
// posts folder); idx refuses unless the folder is empty or a database.
void check_database_folder(const std::string& path) {
    if (path.empty()) throw Error("the database folder name is empty; give --db DIR");
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) {
        if (errno == ENOENT) return;  // created below
        throw Error("cannot use the database folder " + path + ": " + reason(errno), ExitCode::io);
    }
    if (!S_ISDIR(st.st_mode))
        throw Error(path + " is a file, not a database folder: give --db a new or empty folder, or an index");
    if (::stat((path + "/XAPIANDB").c_str(), &st) == 0)
        throw Error(path +
                    " is a replica kept by xapian-replicate (or another Xapian stub folder): idx add and idx rm "
                    "write to the master database the replica copies, never to a replica");
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr) throw Error("cannot read the database folder " + path + ": " + reason(errno), ExitCode::io);
    std::string stranger;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == ".." || is_database_file(name)) continue;
        stranger = name;
        break;
    }
    ::closedir(dir);
    if (!stranger.empty())
        throw Error(path + " holds other files (" + stranger +
                    ") and is not an idx database: give --db a new or empty folder, or an index");
}

[[noreturn]] void throw_lock_error(const std::string& path, const Xapian::DatabaseLockError& e) {
    // Xapian says "already locked" when another writer holds the lock; any
    // other reason (permissions, too many files) is not worth a retry.
    const std::string description = e.get_description();
    if (description.find("already locked") != std::string::npos)
        throw Error("the database " + path +
                        " is locked by another `idx add` (or `idx rm`); try again later, or use --wait to wait for it",
                    ExitCode::locked);
    throw Error("cannot lock the database " + path + " for writing: " + description, ExitCode::io);
}

}  // namespace

bool is_database_file(std::string_view name) {
    return name == "iamglass" || name == "flintlock" || name.ends_with(".glass") || name.ends_with(".tmp") ||
           name.ends_with(".DB") || name.ends_with(".baseA") || name.ends_with(".baseB") || is_changeset(name);
}

WriterLock::WriterLock(const std::string& folder, bool wait) {
    m_fd = UniqueFd(::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!m_fd.valid()) throw Error("cannot open the database folder " + folder + ": " + reason(errno), ExitCode::io);
    for (;;) {
        if (::flock(m_fd.get(), LOCK_EX | (wait ? 0 : LOCK_NB)) == 0) return;
        const int error = errno;
        if (error == EINTR) continue;
        if (error == EWOULDBLOCK)
            throw Error(
                "the database " + folder +
                    " is locked by another `idx add` (or `idx rm`); try again later, or use --wait to wait for it",
                ExitCode::locked);
        throw Error("cannot lock the database " + folder + ": " + reason(error), ExitCode::io);
    }
}

void keep_changesets(unsigned count) {
    if (count == 0)
        ::unsetenv("XAPIAN_MAX_CHANGESETS");
    else
        ::setenv("XAPIAN_MAX_CHANGESETS", std::to_string(count).c_str(), 1);
}

WritableIndex open_for_writing(const std::string& path, bool wait_for_lock) {
    check_database_folder(path);
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) throw Error("cannot create the database folder " + path + ": " + ec.message(), ExitCode::io);
    WriterLock lock(path, wait_for_lock);
    int flags = Xapian::DB_CREATE_OR_OPEN | Xapian::DB_BACKEND_GLASS;
    if (wait_for_lock) flags |= Xapian::DB_RETRY_LOCK;
    try {
        return {std::move(lock), Xapian::WritableDatabase(path, flags)};
    } catch (const Xapian::DatabaseLockError& e) {
        throw_lock_error(path, e);
    } catch (const Xapian::DatabaseError& e) {
        // Damaged (empty iamglass, truncated tables) or unreadable: not a usage error.
        throw Error("cannot open the database " + path + " for writing: " + e.get_description(), ExitCode::io);
    }
}

}  // namespace idx::indexer
