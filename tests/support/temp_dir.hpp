#pragma once
// A fresh folder for one test, removed with everything in it: shared by the
// unit, CLI and reliability tests and the stress programs.

#include <filesystem>
#include <string_view>

namespace idx::test {

class TempDir {
public:
    // Created under $TMPDIR (or /tmp) as `<tag>-XXXXXX`, canonical so the
    // paths idx prints (it canonicalises roots) compare equal.
    explicit TempDir(std::string_view tag = "idx-test");
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir();

    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(std::string_view name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

}  // namespace idx::test
