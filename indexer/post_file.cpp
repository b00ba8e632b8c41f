#include "indexer/post_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <cerrno>
#include <cstring>

namespace idx::indexer {

std::string content_hash(std::string_view bytes) {
    const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
    XXH128_canonical_t canonical;
    XXH128_canonicalFromHash(&canonical, h);
    return std::string(reinterpret_cast<const char*>(canonical.digest), sizeof canonical.digest);
}

PostFile read_post_file(const std::string& path, std::uint64_t max_bytes) {
    PostFile file;
    file.source.path = path;
    // O_NONBLOCK: a post replaced by a FIFO since the walk must not block the
    // run until some writer turns up (for cron, never). Regular files ignore it.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0) {
        file.status = errno == ENOENT ? ReadStatus::vanished : ReadStatus::unreadable;
        file.problem = std::string("cannot open: ") + std::strerror(errno);
        return file;
    }
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        file.status = ReadStatus::unreadable;
        file.problem = std::string("cannot stat: ") + std::strerror(errno);
        ::close(fd);
        return file;
    }
    if (!S_ISREG(st.st_mode)) {
        file.status = ReadStatus::unreadable;
        file.problem = "not a regular file (replaced since the folder was listed?)";
        ::close(fd);
        return file;
    }
    file.source.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
    file.source.size = static_cast<std::uint64_t>(st.st_size);
    if (file.source.size > max_bytes) {
        file.status = ReadStatus::too_big;
        ::close(fd);
        return file;
    }
    file.content.resize(static_cast<std::size_t>(st.st_size));
    std::size_t got = 0;
    for (;;) {
        if (got == file.content.size()) file.content.resize(got + 4096);  // grew since fstat
        const ssize_t n = ::read(fd, file.content.data() + got, file.content.size() - got);
        if (n < 0) {
            if (errno == EINTR) continue;
            file.status = ReadStatus::unreadable;
            file.problem = std::string("cannot read: ") + std::strerror(errno);
            ::close(fd);
            return file;
        }
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
        if (got > max_bytes) {  // grew past the limit while being read
            file.status = ReadStatus::too_big;
            file.source.size = got;
            file.content.clear();
            ::close(fd);
            return file;
        }
    }
    ::close(fd);
    file.content.resize(got);  // shrank since fstat: what was read is the file
    file.source.size = got;
    file.source.content_hash = content_hash(file.content);
    return file;
}

}  // namespace idx::indexer
