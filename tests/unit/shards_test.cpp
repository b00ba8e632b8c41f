#include "common/shards.hpp"

#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <fstream>

#include "common/error.hpp"
#include "common/records.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx {
namespace {

TEST(PathHash, IsFnv1a64OverTheBytes) {
    // The published FNV-1a test vectors: the same on every compiler and machine.
    EXPECT_EQ(path_hash(""), 0xcbf29ce484222325ull);
    EXPECT_EQ(path_hash("a"), 0xaf63dc4c8601ec8cull);
    EXPECT_EQ(path_hash("foobar"), 0x85944171f73967e8ull);
    // Bytes, not characters: a UTF-8 name hashes its bytes, high bit and all.
    EXPECT_EQ(path_hash("/blog/_posts/caf\xc3\xa9.md"), 0xbb5040f5699e73a1ull);
}

TEST(ShardOf, IsPinnedForKnownPaths) {
    // Changing these moves posts between shards of existing indexes: never.
    EXPECT_EQ(shard_of("/blog/_posts/2016-03-01-harbour.md", 4), 0u);
    EXPECT_EQ(shard_of("/blog/_posts/2016-03-02-garden.md", 4), 3u);
    EXPECT_EQ(shard_of("/blog/_posts/caf\xc3\xa9.md", 4), 1u);
    EXPECT_EQ(shard_of("/blog/_posts/2016-03-01-harbour.md", 3), 2u);
    EXPECT_EQ(shard_of("/blog/_posts/2016-03-02-garden.md", 1), 0u);
}

TEST(ShardOf, SpreadsPathsOverEveryShard) {
    constexpr unsigned kShards = 4;
    constexpr int kPaths = 4000;
    std::array<int, kShards> counts{};
    for (int i = 0; i < kPaths; ++i)
        ++counts[shard_of("/home/ann/blog/_posts/2016-01-01-post-" + std::to_string(i) + ".md", kShards)];
    for (const int count : counts) {
        EXPECT_GT(count, kPaths / static_cast<int>(kShards) * 8 / 10);
        EXPECT_LT(count, kPaths / static_cast<int>(kShards) * 12 / 10);
    }
}

TEST(ShardRecord, RoundTripsAndRefusesAnythingElse) {
    EXPECT_EQ(encode_shard_record(4), "idx shards 1\ncount 4\n");
    EXPECT_EQ(decode_shard_record(encode_shard_record(4)), 4u);
    EXPECT_EQ(decode_shard_record(encode_shard_record(64)), 64u);
    for (const char* bad : {"", "idx shards 1\ncount 0\n", "idx shards 2\ncount 4\n", "idx shards 1\ncount 4",
                            "idx shards 1\ncount x\n", "idx shards 1\ncount 4 \n", "4\n"})
        EXPECT_FALSE(decode_shard_record(bad)) << bad;
}

TEST(ShardFolders, FollowTheRecord) {
    test::TempDir dir;
    const std::string db = (dir.path() / "db").string();
    std::filesystem::create_directories(db);
    EXPECT_FALSE(read_shard_count(db));
    EXPECT_EQ(database_folders(db), std::vector<std::string>{db});
    EXPECT_FALSE(read_shard_count((dir.path() / "absent").string()));

    std::ofstream(shard_record_path(db)) << encode_shard_record(3);
    EXPECT_EQ(read_shard_count(db), 3u);
    EXPECT_EQ(database_folders(db), (std::vector<std::string>{db + "/shard0", db + "/shard1", db + "/shard2"}));

    DatabaseSet set;
    set.members = {{db, {}, 0}, {{}, "search1", 7000}, {"other", {}, 0}};
    set.connect_timeout_ms = 500;
    const DatabaseSet expanded = expand_shards(set);
    ASSERT_EQ(expanded.members.size(), 5u);
    EXPECT_EQ(expanded.members[0].path, db + "/shard0");
    EXPECT_EQ(expanded.members[2].path, db + "/shard2");
    EXPECT_EQ(expanded.members[3].host, "search1");
    EXPECT_EQ(expanded.members[4].path, "other");
    EXPECT_EQ(expanded.connect_timeout_ms, 500u);

    std::ofstream(shard_record_path(db)) << "four";
    try {
        (void)read_shard_count(db);
        ADD_FAILURE() << "a damaged record was read";
    } catch (const Error& e) {
        EXPECT_NE(std::string(e.what()).find(shard_record_path(db)), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace idx
