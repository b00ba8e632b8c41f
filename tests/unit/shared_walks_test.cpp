#include "indexer/shared_walks.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>
#include <vector>

#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;

void write_post(const fs::path& path) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << "---\ntitle: t\n---\nbody\n";
}

TEST(SharedWalks, ShardsOnManyThreadsShareOneWalkOfARoot) {
    test::TempDir dir("idx-shared-walks");
    write_post(dir.path() / "a" / "one.md");
    write_post(dir.path() / "a" / "two.md");
    SharedWalks walks(WalkOptions{});
    const std::string root = (dir.path() / "a").string();
    std::vector<std::shared_ptr<const WalkResult>> seen(8);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i) threads.emplace_back([&, i] { seen[i] = walks.walk(root); });
    for (std::thread& t : threads) t.join();
    ASSERT_NE(seen[0], nullptr);
    ASSERT_EQ(seen[0]->files.size(), 2u);
    EXPECT_EQ(seen[0]->files[0].path, root + "/one.md");
    for (const auto& walk : seen) EXPECT_EQ(walk.get(), seen[0].get());  // one walk, not eight

    // Made once: a file written after the first walk is not seen by later callers of the same run.
    write_post(dir.path() / "a" / "three.md");
    EXPECT_EQ(walks.walk(root)->files.size(), 2u);
}

TEST(SharedWalks, EachRootHasItsOwnWalk) {
    test::TempDir dir("idx-shared-walks");
    write_post(dir.path() / "a" / "one.md");
    write_post(dir.path() / "b" / "x.md");
    write_post(dir.path() / "b" / "y.md");
    SharedWalks walks(WalkOptions{});
    const auto a = walks.walk((dir.path() / "a").string());
    const auto b = walks.walk((dir.path() / "b").string());
    EXPECT_NE(a.get(), b.get());
    EXPECT_EQ(a->files.size(), 1u);
    EXPECT_EQ(b->files.size(), 2u);
}

TEST(SharedWalks, AMissingRootIsWalkedOnceAndSaysSo) {
    test::TempDir dir("idx-shared-walks");
    SharedWalks walks(WalkOptions{});
    const std::string gone = (dir.path() / "gone").string();
    const auto first = walks.walk(gone);
    EXPECT_TRUE(first->root_missing);
    EXPECT_FALSE(first->errors.empty());
    EXPECT_EQ(walks.walk(gone).get(), first.get());
}

}  // namespace
}  // namespace idx::indexer
