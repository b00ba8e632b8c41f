#include "indexer/file_walker.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <set>
#include <utility>

#include "indexer/post_parser.hpp"
#include "indexer/unique_fd.hpp"

namespace idx::indexer {
namespace {

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::string describe_errno(int err) {
    return std::strerror(err);
}

FileIdentity identity_of(const struct stat& st) {
    return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

// A folder the walk will list: the identity its parent's listing saw, so a
// folder swapped for a link (or another folder) meanwhile is not listed.
struct PendingFolder {
    std::string path;
    FileIdentity identity;
    bool through_link = false;
};

class Walker {
public:
    Walker(const WalkOptions& options, WalkResult& result) : m_options(options), m_result(result) {}

    void run(const std::string& root) {
        struct stat st {};
        if (::stat(root.c_str(), &st) != 0) {
            m_result.root_missing = errno == ENOENT || errno == ENOTDIR;
            m_result.errors.push_back({root, 0, "cannot read: " + describe_errno(errno)});
            m_result.unlisted_folders.push_back(root);
            return;
        }
        if (S_ISREG(st.st_mode)) {
            if (is_post_extension(root)) add_file(root, st, {}, false);
            return;
        }
        if (!S_ISDIR(st.st_mode)) {
            m_result.errors.push_back({root, 0, "is neither a folder nor a file"});
            return;
        }
        m_seen_dirs.insert({st.st_dev, st.st_ino});
        // An explicit stack instead of recursion: folder depth is the user's.
        // The root is canonical (no links), so it too is opened without following one.
        std::vector<PendingFolder> pending{{root, identity_of(st), false}};
        while (!pending.empty()) {
            const PendingFolder dir = std::move(pending.back());
            pending.pop_back();
            std::vector<PendingFolder> subdirs = list_folder(dir);
            // Reverse so the stack pops them in sorted order.
            for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) pending.push_back(std::move(*it));
        }
    }

private:
    void add_file(const std::string& path, const struct stat& st, FileIdentity folder, bool through_link) {
        if (!m_seen_files.insert({st.st_dev, st.st_ino}).second) {
            m_result.skipped.push_back({path, 0, "already indexed under another path (a link to the same file)"});
            return;
        }
        m_result.files.push_back(
            {path, mtime_ns(st), static_cast<std::uint64_t>(st.st_size), identity_of(st), folder, through_link});
    }

    // Opens a folder to list, or reports why not. A folder that is no longer
    // the one its parent's listing saw (swapped for a link out of the root, or
    // for another folder) is not listed: nothing outside the root is read.
    UniqueFd open_folder(const PendingFolder& dir) {
        UniqueFd fd(::open(dir.path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC | (dir.through_link ? 0 : O_NOFOLLOW)));
        struct stat st {};
        if (fd.valid() && ::fstat(fd.get(), &st) == 0 && identity_of(st) == dir.identity) return fd;
        const int err = errno;
        const bool replaced = fd.valid() || err == ELOOP || err == ENOTDIR;
        m_result.errors.push_back({dir.path, 0,
                                   replaced ? "folder replaced since it was listed (by a link?); not read"
                                            : "cannot list folder: " + describe_errno(err)});
        m_result.unlisted_folders.push_back(dir.path);
        return UniqueFd();
    }

    // Adds the post files of `dir` and returns its subfolders, both sorted.
    std::vector<PendingFolder> list_folder(const PendingFolder& pending) {
        const std::string& dir = pending.path;
        UniqueFd fd = open_folder(pending);
        if (!fd.valid()) return {};
        const int folder = fd.get();
        const std::unique_ptr<DIR, int (*)(DIR*)> handle(::fdopendir(folder), ::closedir);
        if (!handle) {
            const int err = errno;
            m_result.errors.push_back({dir, 0, "cannot list folder: " + describe_errno(err)});
            m_result.unlisted_folders.push_back(dir);
            return {};
        }
        fd.release();  // closedir closes it
        std::vector<std::string> names;
        while (const dirent* entry = ::readdir(handle.get())) {
            if (entry->d_name[0] == '.') continue;  // hidden, and . and ..
            names.emplace_back(entry->d_name);
        }
        std::sort(names.begin(), names.end());
        std::vector<PendingFolder> subdirs;
        for (const std::string& name : names) {
            std::string path = dir == "/" ? "/" + name : dir + "/" + name;
            struct stat st {};
            if (::fstatat(folder, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno != ENOENT)  // gone since the listing: nothing to index
                    m_result.errors.push_back({path, 0, "cannot read: " + describe_errno(errno)});
                continue;
            }
            const bool link = S_ISLNK(st.st_mode);
            if (link) {
                if (!m_options.follow_symlinks) {
                    m_result.skipped.push_back({path, 0, "symbolic link not followed (use --follow-symlinks)"});
                    continue;
                }
                if (::fstatat(folder, name.c_str(), &st, 0) != 0) {
                    m_result.skipped.push_back({path, 0, "symbolic link to nothing: " + describe_errno(errno)});
                    continue;
                }
            }
            if (S_ISDIR(st.st_mode)) {
                if (m_seen_dirs.insert({st.st_dev, st.st_ino}).second)
                    subdirs.push_back({std::move(path), identity_of(st), link});
                else
                    m_result.skipped.push_back({path, 0, "folder already visited (a link loop or a second link)"});
            } else if (S_ISREG(st.st_mode) && is_post_extension(name)) {
                add_file(path, st, pending.identity, link);
            }
        }
        return subdirs;
    }

    const WalkOptions& m_options;
    WalkResult& m_result;
    std::set<std::pair<dev_t, ino_t>> m_seen_dirs;
    std::set<std::pair<dev_t, ino_t>> m_seen_files;
};

}  // namespace

WalkResult walk(const std::string& root, const WalkOptions& options) {
    WalkResult result;
    Walker(options, result).run(root);
    return result;
}

}  // namespace idx::indexer
