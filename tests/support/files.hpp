#pragma once
// Writing and reading the files a test works on: post files, configs, outputs.

#include <filesystem>
#include <string>
#include <string_view>

namespace idx::test {

// Writes `content` to `path`, making its folder first; throws when it cannot.
void write_file(const std::filesystem::path& path, std::string_view content);
// The whole file; empty when it cannot be read.
std::string read_file(const std::filesystem::path& path);

// A post with YAML front matter; `front_matter` lines go between the `---`s.
void write_post(const std::filesystem::path& path, const std::string& front_matter, const std::string& body);

// Copies a folder tree (regular files and folders).
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace idx::test
