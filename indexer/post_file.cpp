#include "indexer/post_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "indexer/unique_fd.hpp"

namespace idx::indexer {

std::string content_hash(std::string_view bytes) {
    const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, h);
    return std::string(reinterpret_cast<const char*>(canonical.digest), sizeof canonical.digest);
}

namespace {

FileIdentity identity_of(const struct stat& st) {
    return {static_cast<std::uint64_t>(st.st_dev), static_cast<std::uint64_t>(st.st_ino)};
}

// Reads an open descriptor into `file`; `expected`, when set, is the
// identity the walk saw.
PostFile& read_open_file(const UniqueFd& fd, PostFile& file, std::uint64_t max_bytes, const FileIdentity* expected);

PostFile& open_failed(PostFile& file, int error) {
    file.status = error == ENOENT ? ReadStatus::vanished : ReadStatus::unreadable;
    file.problem = error == ELOOP ? "replaced by a symbolic link since the folder was listed; not read"
                                  : std::string("cannot open: ") + std::strerror(error);
    return file;
}

// The folder part and the name of a walked path (absolute: it has a '/').
std::pair<std::string, std::string> split_path(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    if (slash == std::string::npos) return {".", path};
    return {slash == 0 ? "/" : path.substr(0, slash), path.substr(slash + 1)};
}

}  // namespace

// O_NONBLOCK: a post replaced by a FIFO since the walk must not block the
// run until some writer turns up (for cron, never). Regular files ignore it.
constexpr int kOpenFlags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;

PostFile read_post_file(const FileEntry& walked, std::uint64_t max_bytes) {
    PostFile file;
    file.source.path = walked.path;
    const int link_flag = walked.through_link ? 0 : O_NOFOLLOW;
    if (walked.folder == FileIdentity{}) {  // a root given as a file: canonical, so no link in its path
        const UniqueFd fd(::open(walked.path.c_str(), kOpenFlags | link_flag));
        if (!fd.valid()) return open_failed(file, errno);
        return read_open_file(fd, file, max_bytes, &walked.identity);
    }
    const auto [folder_path, name] = split_path(walked.path);
    const UniqueFd folder(::open(folder_path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!folder.valid()) return open_failed(file, errno);
    struct stat st {};
    if (::fstat(folder.get(), &st) != 0 || !(identity_of(st) == walked.folder)) {
        file.status = ReadStatus::unreadable;
        file.problem = "its folder was replaced since it was listed (by a link?); not read";
        return file;
    }
    const UniqueFd fd(::openat(folder.get(), name.c_str(), kOpenFlags | link_flag));
    if (!fd.valid()) return open_failed(file, errno);
    return read_open_file(fd, file, max_bytes, &walked.identity);
}

PostFile read_post_file(const std::string& path, std::uint64_t max_bytes) {
    PostFile file;
    file.source.path = path;
    const UniqueFd fd(::open(path.c_str(), kOpenFlags));
    if (!fd.valid()) return open_failed(file, errno);
    return read_open_file(fd, file, max_bytes, nullptr);
}

namespace {

PostFile& read_open_file(const UniqueFd& fd, PostFile& file, std::uint64_t max_bytes, const FileIdentity* expected) {
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0) {
        file.status = ReadStatus::unreadable;
        file.problem = std::string("cannot stat: ") + std::strerror(errno);
        return file;
    }
    if (!S_ISREG(st.st_mode)) {
        file.status = ReadStatus::unreadable;
        file.problem = "not a regular file (replaced since the folder was listed?)";
        return file;
    }
    if (expected && !(identity_of(st) == *expected)) {
        file.status = ReadStatus::unreadable;
        file.problem = "replaced by another file since the folder was listed; not read (the next run reads it)";
        return file;
    }
    file.source.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    file.source.size = static_cast<std::uint64_t>(st.st_size);
    if (file.source.size > max_bytes) {
        file.status = ReadStatus::too_big;
        return file;
    }
    file.content.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    for (;;) {
        if (got == file.content.size()) file.content.resize(got + 4096);  // grew since fstat
        const ssize_t n = ::read(fd.get(), file.content.data() + got, file.content.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            file.status = ReadStatus::unreadable;
            file.problem = std::string("cannot read: ") + std::strerror(errno);
            return file;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
        if (got > max_bytes) {  // grew past the limit while being read
            file.status = ReadStatus::too_big;
            file.source.size = got;
            file.content.clear();
            return file;
        }
    }
    file.content.resize(got);  // shrank since fstat: what was read is the file
    file.source.size = got;
    file.source.content_hash = content_hash(file.content);
    return file;
}

}  // namespace

}  // namespace idx::indexer
