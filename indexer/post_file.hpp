#pragma once
// The one place where idx reads a post file. Everything after it works on
// the bytes read here.

#include <cstdint>
#include <string>

#include "common/records.hpp"
#include "indexer/file_walker.hpp"

namespace idx::indexer {

enum class ReadStatus { ok, vanished, unreadable, too_big };

struct PostFile {
    ReadStatus status = ReadStatus::ok;
    std::string content;
    SourceRecord source;  // path, mtime and size as read, hash of the content
    std::string problem;  // for `unreadable`: why, as a sentence fragment
};

// Reads the whole file the walk found, unless it holds more than `max_bytes`.
// Opens it relative to its folder's descriptor after checking that folder is
// still the one the walk listed, without following a link (unless the walk
// followed one), and refuses (`unreadable`) a file that is not the one the
// walk saw (device and inode): a post or folder swapped for a link out of the
// root after the walk is never read. Stats the open descriptor, so mtime and
// size belong to the bytes read even when the file changes meanwhile.
PostFile read_post_file(const FileEntry& walked, std::uint64_t max_bytes);

// The same for a file named by path, with no walk to check against: for
// tools that read one given file (benchmarks). `idx add` uses the above.
PostFile read_post_file(const std::string& path, std::uint64_t max_bytes);

// XXH3-128 of the bytes, as 16 raw bytes.
std::string content_hash(std::string_view bytes);

}  // namespace idx::indexer
