// idx add --shards N (issue 13): a database folder kept as N shard
// databases, each post in the shard its path's hash chooses. Incremental
// runs, rm, roots, drafts and the writer lock work per shard as they do on
// one database; changing N rebuilds the index and says so.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>

#include "common/shards.hpp"
#include "tests/cli/post_folder_test.hpp"
#include "tests/support/cli_test.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

class ShardedAdd : public PostFolderTest {
protected:
    std::string shard(int i) const { return db() + "/shard" + std::to_string(i); }

    // Documents in one shard database, read alone.
    int shard_documents(int i) const {
        const Exit r = idx({"stats", "--json", "--db", shard(i)});
        EXPECT_EQ(r.code, 0) << r.err;
        return json::parse(r.out)["documents"].get<int>();
    }

    void write_posts(int count) const {
        for (int i = 1; i <= count; ++i) write_good_post("post" + std::to_string(i), "harbour", i);
    }
};

TEST_F(ShardedAdd, IncrementalRunsWorkPerShard) {
    write_posts(12);
    const json first = add_json({"--shards", "3", posts().string()});
    EXPECT_EQ(first["shards"], 3);
    EXPECT_EQ(first["resharded_from"], nullptr);
    EXPECT_EQ(first["added"], 12);
    EXPECT_EQ(first["documents"], 12);
    EXPECT_TRUE(fs::is_regular_file(fs::path(db()) / "idx-shards"));
    int sum = 0;
    for (int i = 0; i < 3; ++i) {
        EXPECT_GT(shard_documents(i), 0) << shard(i);
        sum += shard_documents(i);
    }
    EXPECT_EQ(sum, 12);

    // Without --shards the folder keeps its three.
    const json again = add_json({posts().string()});
    EXPECT_EQ(again["shards"], 3);
    EXPECT_EQ(again["unchanged"], 12);
    EXPECT_EQ(again["added"].get<int>() + again["updated"].get<int>() + again["removed"].get<int>(), 0);

    edit_delete_add_touch("post20", 20);
    const json changed = add_json();  // the recorded folder, as from cron
    // As on one database: the counts add up over the shards.
    const json counts = {{"added", changed["added"]},
                         {"updated", changed["updated"]},
                         {"removed", changed["removed"]},
                         {"unchanged", changed["unchanged"]},
                         {"documents", changed["documents"]}};
    EXPECT_EQ(counts, json({{"added", 1}, {"updated", 1}, {"removed", 2}, {"unchanged", 9}, {"documents", 11}}));
    EXPECT_EQ(search_json("zeppelin")["total"], 1);
    EXPECT_EQ(search_json("harbour")["total"], 11);
    const json settled = add_json();
    EXPECT_EQ(settled["unchanged"], 11);
    EXPECT_EQ(settled["added"].get<int>() + settled["updated"].get<int>() + settled["removed"].get<int>(), 0);
}

TEST_F(ShardedAdd, ErrorsAndDraftsAreReportedOnceAcrossShards) {
    write_posts(6);
    write_post(posts() / "2016-04-01-draft.md", "title: harbour draft\ndate: 2016-04-01\npublished: false\n",
               "<p>Not yet.</p>\n");
    write_file(posts() / "2016-04-02-broken.md", "---\ntitle: [unclosed\n---\nbody\n");
    const Exit first = idx({"add", "--db", db(), "--shards", "4", "--json", posts().string()});
    EXPECT_EQ(first.code, 1) << first.err;
    const json summary = json::parse(first.out);
    ASSERT_EQ(summary["errors"].size(), 1u) << first.out;
    EXPECT_EQ(summary["errors"][0]["path"], (posts() / "2016-04-02-broken.md").string());
    EXPECT_EQ(summary["skipped"], 1);
    EXPECT_EQ(summary["documents"], 6);

    // The failure is remembered by its shard: not reported again.
    const Exit second = idx({"add", "--db", db(), "--json"});
    EXPECT_EQ(second.code, 0) << second.err;
    EXPECT_EQ(json::parse(second.out)["still_failing"].size(), 1u);

    EXPECT_EQ(add_json({"--include-drafts"})["documents"], 7);
    const json without = add_json();
    EXPECT_EQ(without["removed"], 1);
    EXPECT_EQ(without["documents"], 6);
}

TEST_F(ShardedAdd, RmAndRootsWorkOverTheShards) {
    write_posts(8);
    add_json({"--shards", "2", posts().string()});
    const Exit rm = idx({"rm", "--db", db(), (posts() / "2016-03-05-post5.md").string()});
    EXPECT_EQ(rm.code, 0) << rm.err;
    EXPECT_EQ(search_json("harbour")["total"], 7);
    const std::string nowhere = (posts() / "2016-03-30-none.md").string();
    const Exit missing = idx({"rm", "--db", db(), nowhere});
    EXPECT_EQ(missing.code, 1) << missing.err;
    EXPECT_NE(missing.err.find(nowhere), std::string::npos) << missing.err;

    const Exit roots = idx({"roots", "--db", db(), "--json"});
    ASSERT_EQ(roots.code, 0) << roots.err;
    const json listed = json::parse(roots.out)["roots"];
    ASSERT_EQ(listed.size(), 1u) << roots.out;
    EXPECT_EQ(listed[0]["path"], posts().string());
    EXPECT_EQ(listed[0]["posts"], 7);

    const Exit forget = idx({"roots", "--db", db(), "rm", posts().string()});
    EXPECT_EQ(forget.code, 0) << forget.err;
    EXPECT_EQ(search_json("harbour")["total"], 0);
    EXPECT_EQ(json::parse(idx({"roots", "--db", db(), "--json"}).out)["roots"].size(), 0u);
}

TEST_F(ShardedAdd, ChangingTheNumberRebuildsAndSaysSo) {
    write_posts(9);
    add_json({posts().string()});  // one database
    const Exit to_three = idx({"add", "--db", db(), "--shards", "3", "--json", posts().string()});
    ASSERT_EQ(to_three.code, 0) << to_three.err;
    EXPECT_NE(to_three.err.find(db() + " held one database and now holds 3 shards: every post was indexed again"),
              std::string::npos)
        << to_three.err;
    const json rebuilt = json::parse(to_three.out);
    EXPECT_EQ(rebuilt["resharded_from"], 1);
    EXPECT_EQ(rebuilt["shards"], 3);
    EXPECT_EQ(rebuilt["added"], 9);
    EXPECT_FALSE(fs::exists(fs::path(db()) / "iamglass"));  // the single database is gone

    const json to_two = add_json({"--shards", "2"});
    EXPECT_EQ(to_two["resharded_from"], 3);
    EXPECT_EQ(to_two["added"], 9);
    EXPECT_FALSE(fs::exists(shard(2)));
    EXPECT_EQ(search_json("harbour")["total"], 9);

    // shards: in idx.yaml asks the same as --shards.
    write_file(dir() / "idx.yaml", "shards: 4\n");
    const Exit configured = idx({"add", "--db", db(), "--config", (dir() / "idx.yaml").string(), "--json"});
    ASSERT_EQ(configured.code, 0) << configured.err;
    EXPECT_EQ(json::parse(configured.out)["shards"], 4);
    EXPECT_NE(configured.err.find("held 2 shards and now holds 4 shards"), std::string::npos) << configured.err;

    const Exit to_one = idx({"add", "--db", db(), "--shards", "1", "--json"});
    ASSERT_EQ(to_one.code, 0) << to_one.err;
    EXPECT_NE(to_one.err.find("held 4 shards and now holds one database"), std::string::npos) << to_one.err;
    EXPECT_TRUE(fs::exists(fs::path(db()) / "iamglass"));
    EXPECT_FALSE(fs::exists(fs::path(db()) / "idx-shards"));
    EXPECT_FALSE(fs::exists(shard(0)));
    EXPECT_EQ(search_json("harbour")["total"], 9);

    const Exit zero = idx({"add", "--db", db(), "--shards", "0"});
    EXPECT_EQ(zero.code, 2) << zero.err;
    EXPECT_NE(zero.err.find("--shards"), std::string::npos) << zero.err;
}

TEST_F(ShardedAdd, AReaderKeepsAnsweringWhenTheShardsChangeInNumber) {
    write_posts(6);
    add_json({"--shards", "4", posts().string()});
    // A long-lived reader (batch mode; serve holds its searchers the same way)
    // opened the four shards; each rebuild deletes the shards it had open.
    Child reader(piped({IDX_BINARY, "search", "--db", db(), "--queries-from", "-"}));
    const auto total = [&](const std::string& query) {
        reader.write_stdin(query + "\n");
        const std::optional<std::string> line = reader.read_line();
        EXPECT_TRUE(line.has_value()) << reader.stderr_text();
        return line ? json::parse(*line).value("total", -1) : -1;
    };
    EXPECT_EQ(total("harbour"), 6);
    write_good_post("post7", "harbour", 7);
    EXPECT_EQ(add_json({"--shards", "2"})["resharded_from"], 4);
    EXPECT_EQ(total("harbour"), 7);
    write_good_post("post8", "harbour", 8);
    EXPECT_EQ(add_json({"--shards", "1"})["resharded_from"], 2);
    EXPECT_EQ(total("harbour"), 8);
    EXPECT_EQ(add_json({"--shards", "3"})["resharded_from"], 1);
    EXPECT_EQ(total("harbour"), 8);
    reader.close_stdin();
    const Exit end = reader.wait();
    EXPECT_TRUE(end.exited(0)) << end.describe();
}

TEST_F(ShardedAdd, StatsShowTheWholeRunAndEveryShardsFailures) {
    write_posts(8);
    // Two broken posts in each shard (the shard is a hash of the path).
    int in_shard[2] = {0, 0};
    for (int i = 1; in_shard[0] < 2 || in_shard[1] < 2; ++i) {
        const fs::path path = posts() / ("2016-04-01-broken" + std::to_string(i) + ".md");
        int& count = in_shard[shard_of(path.string(), 2)];
        if (count == 2) continue;
        ++count;
        write_file(path, "---\ntitle: \"Unclosed quote\ndate: 2016-04-01\n---\nBody.\n");
    }
    const Exit run = idx({"add", "--db", db(), "--shards", "2", "--json", posts().string()});
    ASSERT_EQ(run.code, 1) << run.err;  // some posts failed
    ASSERT_EQ(json::parse(run.out)["added"], 8);

    for (int i = 0; i < 2; ++i) {  // each shard records its own two
        const Exit one = idx({"stats", "--json", "--db", shard(i)});
        ASSERT_EQ(one.code, 0) << one.err;
        ASSERT_EQ(json::parse(one.out)["failures"].size(), 2u) << one.out;
    }

    const Exit r = idx({"stats", "--json", "--db", db()});
    ASSERT_EQ(r.code, 0) << r.err;
    const json stats = json::parse(r.out);
    EXPECT_EQ(stats["documents"], 8);
    EXPECT_EQ(stats["last_run"]["added"], 8);  // the whole run, not the first shard's part
    EXPECT_EQ(stats["last_run"]["errors"], 4);
    EXPECT_EQ(stats["failures"].size(), 4u) << r.out;
    EXPECT_EQ(stats["roots"], json::array({posts().string()}));
}

TEST_F(ShardedAdd, OneShardIsNotWrittenAlone) {
    write_posts(4);
    add_json({"--shards", "2", posts().string()});
    const int before = shard_documents(1);
    const Exit r = idx({"add", "--db", shard(1) + "/", posts().string()});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("is a shard of the sharded folder " + db()), std::string::npos) << r.err;
    EXPECT_EQ(shard_documents(1), before);
}

TEST_F(ShardedAdd, AFolderHoldingOtherFilesIsNotTakenOver) {
    write_posts(2);
    fs::create_directories(db());
    write_file(fs::path(db()) / "notes.txt", "mine\n");
    const Exit r = idx({"add", "--db", db(), "--shards", "2", posts().string()});
    EXPECT_EQ(r.code, 2) << r.err;
    EXPECT_NE(r.err.find("notes.txt"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(fs::path(db()) / "notes.txt"));
}

TEST_F(ShardedAdd, ALockedShardStopsTheRunBeforeAnyShardChanges) {
    write_posts(8);
    add_json({"--shards", "2", posts().string()});
    Child holder(piped({IDX_LOCK_HOLDER, shard(1)}));
    ASSERT_EQ(holder.read_line(), std::optional<std::string>("locked"));
    for (int i = 1; i <= 8; ++i)  // in both shards
        write_post(posts() / ("2016-03-0" + std::to_string(i) + "-post" + std::to_string(i) + ".md"),
                   "title: zeppelin " + std::to_string(i) + "\ndate: 2016-03-0" + std::to_string(i) + "\n",
                   "<p>zeppelin</p>\n");

    const Exit add = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(add.code, 75) << add.err;
    EXPECT_NE(add.err.find(shard(1)), std::string::npos) << add.err;
    EXPECT_NE(add.err.find("--wait"), std::string::npos) << add.err;
    EXPECT_EQ(search_json("zeppelin")["total"], 0);  // shard 0 was not written either
    const Exit rm = idx({"rm", "--db", db(), (posts() / "2016-03-01-post1.md").string()});
    EXPECT_EQ(rm.code, 75) << rm.err;
    EXPECT_EQ(search_json("harbour")["total"], 8);  // readers are not blocked

    holder.close_stdin();
    EXPECT_EQ(holder.wait().code, 0);
    EXPECT_EQ(add_json()["updated"], 8);
    EXPECT_EQ(search_json("zeppelin")["total"], 8);
}

TEST_F(ShardedAdd, DateSortedTiesDoNotDependOnTheSplit) {
    // Twelve posts of the same date and the same words: sorted by date,
    // they tie on the date and on relevance.
    for (int i = 1; i <= 12; ++i)
        write_post(posts() / ("2016-03-01-tie" + std::to_string(i) + ".md"),
                   "title: harbour tie\ndate: 2016-03-01 10:00:00\n", "<p>harbour</p>\n");
    const std::string one = (dir() / "one").string();
    ASSERT_EQ(idx({"add", "--db", one, posts().string()}).code, 0);
    add_json({"--shards", "3", posts().string()});
    for (const std::string sort : {"newest", "oldest"}) {
        for (const std::string query : {"", "harbour"}) {
            const std::vector<std::string> args{"--json", "--no-facets", "--sort", sort, "--limit", "20", query};
            std::vector<std::string> whole{"search", "--db", one};
            std::vector<std::string> split{"search", "--db", db()};
            whole.insert(whole.end(), args.begin(), args.end());
            split.insert(split.end(), args.begin(), args.end());
            const Exit a = idx(whole);
            const Exit b = idx(split);
            ASSERT_EQ(a.code, 0) << a.err;
            const json whole_answer = json::parse(a.out);
            const json split_answer = json::parse(b.out);
            std::vector<std::string> left, right;
            for (const json& hit : whole_answer["results"]) left.push_back(hit["path"]);
            for (const json& hit : split_answer["results"]) right.push_back(hit["path"]);
            EXPECT_EQ(left.size(), 12u);
            EXPECT_EQ(right, left) << "--sort " << sort << " '" << query << "'";
        }
    }
}

}  // namespace
}  // namespace idx::test
