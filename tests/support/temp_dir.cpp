#include "tests/support/temp_dir.hpp"

#include <stdlib.h>

#include <cerrno>

#include <string>
#include <system_error>

namespace idx::test {

namespace fs = std::filesystem;

TempDir::TempDir(std::string_view tag) {
    std::string pattern = (fs::temp_directory_path() / tag).string() + "-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
        throw fs::filesystem_error("cannot create a temporary folder", pattern,
                                   std::error_code(errno, std::generic_category()));
    m_path = fs::canonical(pattern);
}

TempDir::~TempDir() {
    // Tests take permissions away; give them back so everything can go.
    std::error_code ec;
    fs::permissions(m_path, fs::perms::owner_all, fs::perm_options::add, ec);
    for (auto it = fs::recursive_directory_iterator(m_path, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
        if (it->is_directory(ec) && !it->is_symlink(ec))
            fs::permissions(it->path(), fs::perms::owner_all, fs::perm_options::add, ec);
    }
    fs::remove_all(m_path, ec);
}

}  // namespace idx::test
