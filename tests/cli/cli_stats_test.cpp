// idx stats as scripts see it: the real binary on a temporary folder and
// database, in JSON (checked against the schema) and as text.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "tests/cli/json_schema.hpp"
#include "tests/cli/post_folder_test.hpp"

namespace idx::test {
namespace {

class IdxStats : public PostFolderTest {};

TEST_F(IdxStats, JsonDescribesTheIndex) {
    write_good_post("one", "harbour", 1);
    write_good_post("two", "garden", 2);
    add_json({posts().string()});
    const Exit r = idx({"stats", "--db", db(), "--json"});
    EXPECT_EQ(r.code, 0) << r.err;
    const json stats = json::parse(r.out);
    EXPECT_EQ(json_schema_v1().problems(stats, "stats"), std::vector<std::string>{}) << r.out;
    EXPECT_EQ(stats["documents"], 2);
    EXPECT_EQ(stats["database"], db());
    EXPECT_EQ(stats["roots"], json::array({posts().string()}));
    EXPECT_EQ(stats["last_run"]["added"], 2);
    EXPECT_GT(stats["bytes"].get<long>(), 0);

    const Exit text = idx({"stats", "--db", db()});
    EXPECT_EQ(text.code, 0);
    EXPECT_NE(text.out.find("documents: 2\n"), std::string::npos) << text.out;
}

}  // namespace
}  // namespace idx::test
