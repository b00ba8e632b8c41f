#include "indexer/file_walker.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>
#include <utility>

#include "indexer/post_parser.hpp"

namespace idx::indexer {
namespace {

std::int64_t mtime_ns(const struct stat& st) {
    return static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
}

std::string describe_errno(int err) { return std::strerror(err); }

class Walker {
public:
    Walker(const WalkOptions& options, WalkResult& result) : m_options(options), m_result(result) {}

    void run(const std::string& root) {
        struct stat st {};
        if (::stat(root.c_str(), &st) != 0) {
            m_result.errors.push_back({root, "cannot read: " + describe_errno(errno)});
            m_result.unlisted_folders.push_back(root);
            return;
        }
        if (S_ISREG(st.st_mode)) {
            if (is_post_extension(root)) add_file(root, st);
            return;
        }
        if (!S_ISDIR(st.st_mode)) {
            m_result.errors.push_back({root, "is neither a folder nor a file"});
            return;
        }
        m_seen_dirs.insert({st.st_dev, st.st_ino});
        // An explicit stack instead of recursion: folder depth is the user's.
        std::vector<std::string> pending{root};
        while (!pending.empty()) {
            const std::string dir = std::move(pending.back());
            pending.pop_back();
            std::vector<std::string> subdirs = list_folder(dir);
            // Reverse so the stack pops them in sorted order.
            for (auto it = subdirs.rbegin(); it != subdirs.rend(); ++it) pending.push_back(std::move(*it));
        }
    }

private:
    void add_file(const std::string& path, const struct stat& st) {
        if (!m_seen_files.insert({st.st_dev, st.st_ino}).second) {
            m_result.skipped.push_back({path, "already indexed under another path (a link to the same file)"});
            return;
        }
        m_result.files.push_back({path, mtime_ns(st), static_cast<std::uint64_t>(st.st_size)});
    }

    // Adds the post files of `dir` and returns its subfolders, both sorted.
    std::vector<std::string> list_folder(const std::string& dir) {
        const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR* handle = fd >= 0 ? ::fdopendir(fd) : nullptr;
        if (handle == nullptr) {
            const int err = errno;
            if (fd >= 0) ::close(fd);
            m_result.errors.push_back({dir, "cannot list folder: " + describe_errno(err)});
            m_result.unlisted_folders.push_back(dir);
            return {};
        }
        std::vector<std::string> names;
        while (const dirent* entry = ::readdir(handle)) {
            if (entry->d_name[0] == '.') continue;  // hidden, and . and ..
            names.emplace_back(entry->d_name);
        }
        std::sort(names.begin(), names.end());
        std::vector<std::string> subdirs;
        for (const std::string& name : names) {
            std::string path = dir == "/" ? "/" + name : dir + "/" + name;
            struct stat st {};
            if (::fstatat(fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
                if (errno != ENOENT)  // gone since the listing: nothing to index
                    m_result.errors.push_back({path, "cannot read: " + describe_errno(errno)});
                continue;
            }
            if (S_ISLNK(st.st_mode)) {
                if (!m_options.follow_symlinks) {
                    m_result.skipped.push_back({path, "symbolic link not followed (use --follow-symlinks)"});
                    continue;
                }
                if (::fstatat(fd, name.c_str(), &st, 0) != 0) {
                    m_result.skipped.push_back({path, "symbolic link to nothing: " + describe_errno(errno)});
                    continue;
                }
            }
            if (S_ISDIR(st.st_mode)) {
                if (m_seen_dirs.insert({st.st_dev, st.st_ino}).second) subdirs.push_back(std::move(path));
                else m_result.skipped.push_back({path, "folder already visited (a link loop or a second link)"});
            } else if (S_ISREG(st.st_mode) && is_post_extension(name)) {
                add_file(path, st);
            }
        }
        ::closedir(handle);
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
