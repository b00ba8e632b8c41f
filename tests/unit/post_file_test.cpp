// read_post_file reads exactly the file the walk found: a post or a folder
// swapped for a link (or another file) after the walk is refused, so nothing
// outside the root is ever read.
#include "indexer/post_file.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "indexer/file_walker.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;

constexpr std::uint64_t kLimit = 1024 * 1024;

void write(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

class ReadPostFile : public ::testing::Test {
protected:
    ReadPostFile() {
        write(m_dir / "secret/post.md", "secret bytes");
        write(m_dir / "posts/a.md", "post a");
        write(m_dir / "posts/sub/post.md", "post in sub");
    }
    // The walk's entry for `relative` under posts/.
    FileEntry walked(const std::string& relative) {
        const WalkResult walk = indexer::walk(m_dir / "posts", {});
        for (const FileEntry& f : walk.files)
            if (f.path == (m_dir / "posts" / relative).string()) return f;
        ADD_FAILURE() << relative << " was not walked";
        return {};
    }
    test::TempDir m_dir{"idx-post-file"};
};

TEST_F(ReadPostFile, ReadsTheWalkedFile) {
    const PostFile file = read_post_file(walked("sub/post.md"), kLimit);
    EXPECT_EQ(file.status, ReadStatus::ok) << file.problem;
    EXPECT_EQ(file.content, "post in sub");
}

TEST_F(ReadPostFile, PostSwappedForALinkIsNotRead) {
    const FileEntry entry = walked("a.md");
    fs::remove(m_dir / "posts/a.md");
    fs::create_symlink(m_dir / "secret/post.md", m_dir / "posts/a.md");
    const PostFile file = read_post_file(entry, kLimit);
    EXPECT_EQ(file.status, ReadStatus::unreadable);
    EXPECT_NE(file.problem.find("symbolic link"), std::string::npos) << file.problem;
    EXPECT_EQ(file.content, "");
}

TEST_F(ReadPostFile, FolderSwappedForALinkIsNotRead) {
    const FileEntry entry = walked("sub/post.md");
    fs::rename(m_dir / "posts/sub", m_dir / "old-sub");
    fs::create_directory_symlink(m_dir / "secret", m_dir / "posts/sub");
    const PostFile file = read_post_file(entry, kLimit);
    EXPECT_EQ(file.status, ReadStatus::unreadable);
    EXPECT_NE(file.problem.find("folder was replaced"), std::string::npos) << file.problem;
    EXPECT_EQ(file.content, "");
}

TEST_F(ReadPostFile, PostSwappedForAHardLinkToAnotherFileIsNotRead) {
    const FileEntry entry = walked("a.md");
    fs::remove(m_dir / "posts/a.md");
    fs::create_hard_link(m_dir / "secret/post.md", m_dir / "posts/a.md");
    const PostFile file = read_post_file(entry, kLimit);
    EXPECT_EQ(file.status, ReadStatus::unreadable);
    EXPECT_NE(file.problem.find("replaced by another file"), std::string::npos) << file.problem;
    EXPECT_EQ(file.content, "");
}

TEST_F(ReadPostFile, DeletedPostHasVanished) {
    const FileEntry entry = walked("a.md");
    fs::remove(m_dir / "posts/a.md");
    EXPECT_EQ(read_post_file(entry, kLimit).status, ReadStatus::vanished);
}

TEST_F(ReadPostFile, FileGivenAsTheRootIsRead) {
    const WalkResult walk = indexer::walk(m_dir / "posts/a.md", {});
    ASSERT_EQ(walk.files.size(), 1u);
    const PostFile file = read_post_file(walk.files[0], kLimit);
    EXPECT_EQ(file.status, ReadStatus::ok) << file.problem;
    EXPECT_EQ(file.content, "post a");
}

}  // namespace
}  // namespace idx::indexer
