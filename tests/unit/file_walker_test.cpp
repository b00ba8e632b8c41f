#include "indexer/file_walker.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

// A temporary folder (test::TempDir, canonical: the walker is given
// canonical roots) seen as path strings, with ways to fill it.
class TempDir : public test::TempDir {
public:
    TempDir() : test::TempDir("idx-file-walker") {}

    std::string path() const { return test::TempDir::path().string(); }
    std::string operator/(const std::string& relative) const { return path() + "/" + relative; }

    // Writes `relative` (creating its folders) and returns its full path.
    std::string write(const std::string& relative, const std::string& content = "---\ntitle: t\n---\nbody\n") const {
        const std::string full = *this / relative;
        fs::create_directories(fs::path(full).parent_path());
        std::ofstream(full, std::ios::binary) << content;
        return full;
    }
    void mkdir(const std::string& relative) const { fs::create_directories(*this / relative); }
    void symlink(const std::string& target, const std::string& relative) const {
        fs::create_directories(fs::path(*this / relative).parent_path());
        fs::create_symlink(target, *this / relative);
    }
};

Strings paths_of(const std::vector<FileEntry>& files) {
    Strings out;
    for (const FileEntry& f : files) out.push_back(f.path);
    return out;
}

Strings paths_of(const std::vector<FileMessage>& problems) {
    Strings out;
    for (const FileMessage& p : problems) out.push_back(p.path);
    return out;
}

const FileMessage* find_problem(const std::vector<FileMessage>& problems, const std::string& path) {
    const auto it =
        std::find_if(problems.begin(), problems.end(), [&](const FileMessage& p) { return p.path == path; });
    return it == problems.end() ? nullptr : &*it;
}

TEST(Walk, FindsPostFilesRecursivelyInNameOrder) {
    const TempDir dir;
    // Written out of order: the order of the result must not depend on the disk's.
    for (const char* name : {"root/zz/last.md", "root/sub/zdeeper/y.md", "root/sub/b.md", "root/sub/a.html",
                             "root/f.htm", "root/e.markdown", "root/b.html", "root/a.md", "root/D.MD"})
        dir.write(name);
    // Not posts by extension, hidden, or in a hidden folder.
    for (const char* name : {"root/c.txt", "root/g.md.bak", "root/md", "root/image.png", "root/.hidden.md",
                             "root/.git/x.md", "root/sub/.drafts/secret.md", "root/sub/notes.mdx"})
        dir.write(name);
    dir.mkdir("root/empty");

    const WalkResult result = walk(dir / "root", WalkOptions{});
    // Byte order within a folder (capitals first); each folder's own files,
    // then its subfolders (named here so that this is also plain path order).
    EXPECT_EQ(paths_of(result.files),
              (Strings{dir / "root/D.MD", dir / "root/a.md", dir / "root/b.html", dir / "root/e.markdown",
                       dir / "root/f.htm", dir / "root/sub/a.html", dir / "root/sub/b.md",
                       dir / "root/sub/zdeeper/y.md", dir / "root/zz/last.md"}));
    EXPECT_TRUE(result.errors.empty()) << result.errors.front().path << ": " << result.errors.front().message;
    EXPECT_TRUE(result.skipped.empty()) << result.skipped.front().path;
    EXPECT_TRUE(result.unlisted_folders.empty());
}

TEST(Walk, FilesOfAFolderAreSorted) {
    const TempDir dir;
    for (const char* name : {"r/b.md", "r/B.md", "r/a.md", "r/10.md", "r/9.md", "r/_x.md"}) dir.write(name);
    const Strings files = paths_of(walk(dir / "r", WalkOptions{}).files);
    EXPECT_EQ(files.size(), 6u);
    EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
}

TEST(Walk, RepeatedWalksAgree) {
    const TempDir dir;
    for (const char* name : {"r/x/1.md", "r/y/2.md", "r/3.md", "r/x/z/4.html"}) dir.write(name);
    const WalkResult first = walk(dir / "r", WalkOptions{});
    const WalkResult second = walk(dir / "r", WalkOptions{});
    EXPECT_EQ(paths_of(first.files), paths_of(second.files));
    EXPECT_EQ(first.files.size(), 4u);
}

TEST(Walk, ReportsSizeAndModificationTime) {
    const TempDir dir;
    const std::string path = dir.write("r/a.md", "12345");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    const WalkResult result = walk(dir / "r", WalkOptions{});
    ASSERT_EQ(result.files.size(), 1u);
    EXPECT_EQ(result.files[0].size, 5u);
    EXPECT_EQ(result.files[0].mtime_ns, std::int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec);
}

TEST(Walk, SymlinksAreNotFollowedByDefault) {
    const TempDir dir;
    dir.write("root/a.md");
    const std::string outside_file = dir.write("outside/file.md");
    dir.write("outside_dir/o.md");
    dir.symlink(outside_file, "root/link.md");
    dir.symlink(dir / "outside_dir", "root/linkdir");

    const WalkResult result = walk(dir / "root", WalkOptions{});
    EXPECT_EQ(paths_of(result.files), (Strings{dir / "root/a.md"}));
    EXPECT_EQ(paths_of(result.skipped), (Strings{dir / "root/link.md", dir / "root/linkdir"}));
    for (const FileMessage& p : result.skipped) EXPECT_NE(p.message.find("link"), std::string::npos) << p.message;
    EXPECT_TRUE(result.errors.empty());
}

TEST(Walk, SymlinksAreFollowedWhenAsked) {
    const TempDir dir;
    dir.write("root/a.md");
    const std::string outside_file = dir.write("outside/file.md");
    dir.write("outside_dir/o.md");
    dir.symlink(outside_file, "root/link.md");
    dir.symlink(dir / "outside_dir", "root/linkdir");

    const WalkResult result = walk(dir / "root", WalkOptions{true});
    EXPECT_EQ(paths_of(result.files), (Strings{dir / "root/a.md", dir / "root/link.md", dir / "root/linkdir/o.md"}));
    EXPECT_TRUE(result.skipped.empty()) << result.skipped.front().path;
    EXPECT_TRUE(result.errors.empty());
}

TEST(Walk, SymlinkLoopEndsAndVisitsEachOnce) {
    const TempDir dir;
    dir.write("root/a.md");
    dir.write("root/sub/b.md");
    dir.symlink(dir / "root", "root/sub/back");  // root/sub/back/sub/back/... forever, if followed blindly
    dir.symlink("..", "root/sub/up");
    dir.symlink("b.md", "root/sub/same.md");  // the same file under a second name

    const WalkResult result = walk(dir / "root", WalkOptions{true});
    EXPECT_EQ(paths_of(result.files), (Strings{dir / "root/a.md", dir / "root/sub/b.md"}));
    ASSERT_NE(find_problem(result.skipped, dir / "root/sub/back"), nullptr);
    ASSERT_NE(find_problem(result.skipped, dir / "root/sub/up"), nullptr);
    ASSERT_NE(find_problem(result.skipped, dir / "root/sub/same.md"), nullptr);
    EXPECT_TRUE(result.errors.empty());
}

TEST(Walk, TwoLinksToOneFolderListItOnce) {
    const TempDir dir;
    dir.write("shared/x.md");
    dir.symlink(dir / "shared", "root/first");
    dir.symlink(dir / "shared", "root/second");
    const WalkResult result = walk(dir / "root", WalkOptions{true});
    EXPECT_EQ(paths_of(result.files), (Strings{dir / "root/first/x.md"}));
    EXPECT_EQ(paths_of(result.skipped), (Strings{dir / "root/second"}));
}

TEST(Walk, DanglingSymlinkIsSkipped) {
    const TempDir dir;
    dir.write("root/a.md");
    dir.symlink(dir / "nowhere.md", "root/dangling.md");
    const WalkResult followed = walk(dir / "root", WalkOptions{true});
    EXPECT_EQ(paths_of(followed.files), (Strings{dir / "root/a.md"}));
    EXPECT_EQ(paths_of(followed.skipped), (Strings{dir / "root/dangling.md"}));
    EXPECT_TRUE(followed.errors.empty());
}

// A root that is not there must not look like an empty folder, or `idx add`
// would prune every post under it.
TEST(Walk, MissingRootIsReportedAndUnlisted) {
    const TempDir dir;
    const WalkResult result = walk(dir / "gone", WalkOptions{});
    EXPECT_TRUE(result.files.empty());
    EXPECT_EQ(paths_of(result.errors), (Strings{dir / "gone"}));
    EXPECT_EQ(result.unlisted_folders, (Strings{dir / "gone"}));
}

TEST(Walk, UnreadableFolderIsReportedAndUnlisted) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads folders whatever their mode";
    const TempDir dir;
    dir.write("root/a.md");
    dir.write("root/locked/b.md");
    fs::permissions(dir / "root/locked", fs::perms::none);
    const WalkResult result = walk(dir / "root", WalkOptions{});
    EXPECT_EQ(paths_of(result.files), (Strings{dir / "root/a.md"}));
    EXPECT_EQ(paths_of(result.errors), (Strings{dir / "root/locked"}));
    EXPECT_EQ(result.unlisted_folders, (Strings{dir / "root/locked"}));
}

TEST(Walk, RootMayBeASingleFile) {
    const TempDir dir;
    const std::string post = dir.write("root/a.md");
    const std::string text = dir.write("root/notes.txt");
    EXPECT_EQ(paths_of(walk(post, WalkOptions{}).files), (Strings{post}));
    const WalkResult not_post = walk(text, WalkOptions{});
    EXPECT_TRUE(not_post.files.empty());
}

// Only the entries below the root are checked for a leading dot: a root the
// user names (~/.blog/_posts) is walked.
TEST(Walk, HiddenRootIsWalked) {
    const TempDir dir;
    dir.write(".site/_posts/a.md");
    EXPECT_EQ(paths_of(walk(dir / ".site", WalkOptions{}).files), (Strings{dir / ".site/_posts/a.md"}));
}

}  // namespace
}  // namespace idx::indexer
