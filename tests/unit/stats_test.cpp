#include "query/stats.hpp"

#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "indexer/sync.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::query {
namespace {

namespace fs = std::filesystem;

class ReadStats : public ::testing::Test {
protected:
    void SetUp() override { fs::create_directories(m_folder / "posts"); }

    void write_post(const std::string& name, const std::string& title) {
        std::ofstream(m_folder / "posts" / name) << "---\ntitle: " << title << "\ndate: 2016-03-01\n---\nSome text.\n";
    }

    indexer::SyncReport index() {
        indexer::SyncOptions options;
        options.db_path = db();
        options.roots = {(m_folder / "posts").string()};
        options.jobs = 1;
        return indexer::sync(options);
    }

    std::string db() const { return (m_folder / "db").string(); }

    const test::TempDir m_dir{"idx-stats"};
    const fs::path m_folder = m_dir.path();
};

TEST_F(ReadStats, DescribesTheIndexAndItsLastRun) {
    write_post("2016-03-01-one.md", "Harbour lights");
    write_post("2016-03-02-two.md", "Garden notes");
    write_post("2016-03-03-three.md", "River cleanup");
    ASSERT_TRUE(index().errors.empty());

    const IndexStats stats = read_stats(db());
    EXPECT_EQ(stats.path, db());
    EXPECT_EQ(stats.documents, 3u);
    EXPECT_GT(stats.bytes_on_disk, 0u);
    EXPECT_EQ(stats.schema_version, std::to_string(schema::kVersion));
    EXPECT_EQ(stats.language, "english");
    EXPECT_EQ(stats.roots, (std::vector<std::string>{fs::canonical(m_folder / "posts").string()}));
    // harbour, lights, garden, notes, river, cleanup
    EXPECT_EQ(stats.spelling_words, 6u);

    ASSERT_TRUE(stats.last_run.has_value());
    EXPECT_EQ(stats.last_run->added, 3u);
    EXPECT_EQ(stats.last_run->updated, 0u);
    EXPECT_EQ(stats.last_run->removed, 0u);
    EXPECT_EQ(stats.last_run->errors, 0u);
    EXPECT_EQ(stats.last_run->time.size(), 20u) << stats.last_run->time;  // YYYY-MM-DDTHH:MM:SSZ
    EXPECT_EQ(stats.last_run->time.back(), 'Z');
}

TEST_F(ReadStats, FollowsLaterRuns) {
    write_post("2016-03-01-one.md", "Harbour lights");
    write_post("2016-03-02-two.md", "Garden notes");
    index();
    fs::remove(m_folder / "posts" / "2016-03-01-one.md");
    index();
    const IndexStats stats = read_stats(db());
    EXPECT_EQ(stats.documents, 1u);
    ASSERT_TRUE(stats.last_run.has_value());
    EXPECT_EQ(stats.last_run->added, 0u);
    EXPECT_EQ(stats.last_run->removed, 1u);
    EXPECT_EQ(stats.last_run->unchanged, 1u);
}

TEST_F(ReadStats, MissingIndexIsAnError) {
    EXPECT_THROW(read_stats(db()), Error);
}

}  // namespace
}  // namespace idx::query
