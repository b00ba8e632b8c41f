#pragma once
// A CLI test that writes dated posts into its folder and runs `idx add` and
// `idx search` with --json, their output parsed and checked against the
// schema: shared by the add, rm and stats tests.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "tests/cli/json_schema.hpp"
#include "tests/support/cli_test.hpp"

namespace idx::test {

class PostFolderTest : public CliTest {
protected:
    using json = nlohmann::json;

    // `idx add --json` on the database; the summary, checked against the schema.
    json add_json(std::vector<std::string> extra = {}) const {
        std::vector<std::string> args = {"add", "--db", db(), "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const Exit r = idx(args);
        EXPECT_EQ(r.code, 0) << r.err;
        const json summary = json::parse(r.out);
        EXPECT_EQ(json_schema_v1().problems(summary, "add"), std::vector<std::string>{}) << r.out;
        return summary;
    }

    json search_json(const std::string& query) const {
        const Exit r = idx({"search", "--db", db(), "--json", "--no-facets", "--limit", "100", query});
        EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
        return json::parse(r.out);
    }

    // Posts named YYYY-MM-DD-slug.md with a title holding `word`.
    void write_good_post(const std::string& slug, const std::string& word, int day = 1) const {
        const std::string date = "2016-03-" + std::string(day < 10 ? "0" : "") + std::to_string(day);
        write_post(posts() / (date + "-" + slug + ".md"),
                   "title: " + word + " notes " + slug + "\ndate: " + date + " 10:00:00\nauthor: Maria Lopez\n",
                   "<p>Body of " + slug + " about " + word + ".</p>\n");
    }

    // Over posts 1 to 4 of write_good_post("postN", "harbour", N): post1
    // rewritten (with the word zeppelin), post2 and post3 deleted, a new post
    // `added_slug` on day `added_day`, and post4 touched without a change
    // (its content hash says it needs no reindexing). An incremental run
    // then adds 1, updates 1 and removes 2.
    void edit_delete_add_touch(const std::string& added_slug, int added_day) const {
        write_post(posts() / "2016-03-01-post1.md", "title: harbour notes rewritten\ndate: 2016-03-01 10:00:00\n",
                   "<p>A new body with the word zeppelin.</p>\n");
        std::filesystem::remove(posts() / "2016-03-02-post2.md");
        std::filesystem::remove(posts() / "2016-03-03-post3.md");
        write_good_post(added_slug, "harbour", added_day);
        const std::filesystem::path touched = posts() / "2016-03-04-post4.md";
        std::filesystem::last_write_time(touched, std::filesystem::last_write_time(touched) + std::chrono::hours(1));
    }
};

}  // namespace idx::test
