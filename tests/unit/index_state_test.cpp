#include "indexer/index_state.hpp"

#include <gtest/gtest.h>

namespace idx::indexer {
namespace {

struct UnderCase {
    const char* path;
    const char* root;
    bool under;
};

class IsUnder : public ::testing::TestWithParam<UnderCase> {};

TEST_P(IsUnder, ComparesWholeComponents) {
    const UnderCase& c = GetParam();
    EXPECT_EQ(is_under(c.path, c.root), c.under) << "is_under(\"" << c.path << "\", \"" << c.root << "\")";
}

INSTANTIATE_TEST_SUITE_P(
    Boundaries, IsUnder,
    ::testing::Values(UnderCase{"/blog/posts/sub/a.md", "/blog/posts/sub", true},
                      UnderCase{"/blog/posts/subway.md", "/blog/posts/sub", false},  // a prefix, not a folder
                      UnderCase{"/blog/posts/sub", "/blog/posts/sub", true},         // the root itself
                      UnderCase{"/blog/posts/sub/a.md", "/blog/posts/sub/", true},   // trailing slash
                      UnderCase{"/blog/posts/subway.md", "/blog/posts/sub/", false},
                      UnderCase{"/blog/posts", "/blog/posts/sub", false},  // above the root
                      UnderCase{"/blog/posts/a.md", "/", true},
                      UnderCase{"/blog/posts/a.md", "", false},  // `idx rm ""`: nothing
                      UnderCase{"", "", false}, UnderCase{"", "/blog", false},
                      UnderCase{"relative/a.md", "relative", true}));

}  // namespace
}  // namespace idx::indexer
