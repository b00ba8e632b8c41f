#pragma once
// Finds the post files under a root folder: recursive and deterministic (a
// folder's files by name, then its subfolders by name, depth first), hidden files and folders skipped,
// symbolic links skipped unless asked for (and then each folder and file is
// visited once, so a link loop ends).

#include <cstdint>
#include <string>
#include <vector>

#include "indexer/file_message.hpp"

namespace idx::indexer {

// Which file or folder the walk saw (device and inode). Reading checks it
// again, so a post or folder swapped for a link out of the root between the
// walk and the read is refused (read_post_file).
struct FileIdentity {
    std::uint64_t device = 0;
    std::uint64_t inode = 0;
    bool operator==(const FileIdentity&) const = default;
};

struct FileEntry {
    std::string path;  // root + relative path: canonical when the root is
    std::int64_t mtime_ns = 0;
    std::uint64_t size = 0;
    FileIdentity identity;      // of the file
    FileIdentity folder;        // of the folder it was listed in; zeros for a root given as a file
    bool through_link = false;  // its last component is a followed symbolic link
};

struct WalkOptions {
    bool follow_symlinks = false;
};

struct WalkResult {
    std::vector<FileEntry> files;      // post files (by extension), sorted
    std::vector<FileMessage> errors;   // folders or files that could not be read
    std::vector<FileMessage> skipped;  // symbolic links not followed, repeats
    // Folders that could not be listed: what the index holds under them must
    // not be pruned, since their files may well still be there.
    std::vector<std::string> unlisted_folders;
    // The root itself does not exist (moved or deleted, or a disk not
    // mounted): reported once in `errors` as well.
    bool root_missing = false;
};

// `root` is a folder or a single file, given as a canonical absolute path.
WalkResult walk(const std::string& root, const WalkOptions& options);

}  // namespace idx::indexer
