// idx rm as scripts see it: the real binary on a temporary folder and
// database; what it removes, what it refuses and what it says.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "tests/cli/post_folder_test.hpp"

namespace idx::test {
namespace {

class IdxRm : public PostFolderTest {};

TEST_F(IdxRm, RemovesFilesAndFolders) {
    write_good_post("one", "harbour", 1);
    write_good_post("two", "harbour", 2);
    write_post(posts() / "sub" / "2016-03-03-three.md", "title: harbour three\ndate: 2016-03-03\n", "Text.\n");
    write_post(posts() / "sub" / "2016-03-04-four.md", "title: harbour four\ndate: 2016-03-04\n", "Text.\n");
    add_json({posts().string()});
    ASSERT_EQ(search_json("harbour")["total"], 4);

    Exit r = idx({"rm", "--db", db(), (posts() / "2016-03-01-one.md").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out + r.err, "");
    EXPECT_EQ(search_json("harbour")["total"], 3);
    r = idx({"rm", "--db", db(), (posts() / "sub").string() + "/"});
    EXPECT_EQ(r.code, 0) << r.err;
    const json left = search_json("harbour");
    ASSERT_EQ(left["total"], 1);
    EXPECT_EQ(left["results"][0]["path"], (posts() / "2016-03-02-two.md").string());
    EXPECT_EQ(json::parse(idx({"stats", "--db", db(), "--json"}).out)["documents"], 1);

    const Exit nothing = idx({"rm", "--db", db()});
    EXPECT_EQ(nothing.code, 2);
    EXPECT_NE(nothing.err.find("idx rm PATH"), std::string::npos) << nothing.err;
}

TEST_F(IdxRm, OnAMissingDatabaseOrAnUnindexedPathSaysSoAndExitsOne) {
    Exit r = idx({"rm", "--db", db(), (posts() / "foo.md").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("there is no index at " + db()), std::string::npos) << r.err;
    EXPECT_FALSE(fs::exists(db()));  // nothing created

    write_post(posts() / "2016-03-01-a.md", "title: harbour a\n", "Text.\n");
    add_json({posts().string()});
    r = idx({"rm", "--db", db(), (posts() / "foo.md").string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err, "idx rm: " + (posts() / "foo.md").string() + ": not in the index\n");
    EXPECT_EQ(search_json("harbour")["total"], 1);

    // `idx rm` of a recorded folder forgets it too: the next run does not bring it back.
    r = idx({"rm", "--db", db(), posts().string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(idx({"roots", "--db", db()}).out, "");
}

}  // namespace
}  // namespace idx::test
