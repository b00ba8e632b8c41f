#include "indexer/author_names.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"

namespace idx::indexer {
namespace {

using Names = std::vector<std::string>;

struct SplitCase {
    const char* name;
    Names authors;
    Names expected;
};

void PrintTo(const SplitCase& c, std::ostream* os) {
    *os << c.name;
}

class SplitAuthors : public ::testing::TestWithParam<SplitCase> {};

TEST_P(SplitAuthors, OneNameEach) {
    EXPECT_EQ(split_authors(GetParam().authors), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, SplitAuthors,
    ::testing::Values(SplitCase{"one", {"Ana Ruiz"}, {"Ana Ruiz"}},
                      SplitCase{"and", {"Ana Ruiz and Bo Li"}, {"Ana Ruiz", "Bo Li"}},
                      SplitCase{"ampersand", {"Ana Ruiz & Bo Li"}, {"Ana Ruiz", "Bo Li"}},
                      SplitCase{"comma", {"Ana Ruiz, Bo Li"}, {"Ana Ruiz", "Bo Li"}},
                      SplitCase{"list", {"Ann, Bo and Cy"}, {"Ann", "Bo", "Cy"}},
                      SplitCase{"oxford_comma", {"Ana Ruiz, Bo Li, and Cy Ng"}, {"Ana Ruiz", "Bo Li", "Cy Ng"}},
                      SplitCase{"family_name_first", {"Smith, John"}, {"Smith, John"}},
                      SplitCase{"word_containing_and", {"Alexander Sandberg"}, {"Alexander Sandberg"}},
                      SplitCase{"capital_and_is_a_name", {"Research AND Development"}, {"Research AND Development"}},
                      SplitCase{"repeats_dropped", {"Ana Ruiz and ana ruiz", "ANA RUIZ"}, {"Ana Ruiz"}},
                      SplitCase{"blanks_trimmed", {"  Ana Ruiz  and  Bo Li "}, {"Ana Ruiz", "Bo Li"}},
                      SplitCase{"empty_parts_dropped", {"Ana Ruiz and ", ""}, {"Ana Ruiz"}},
                      SplitCase{"several_strings", {"Ana Ruiz", "Bo Li & Cy Ng"}, {"Ana Ruiz", "Bo Li", "Cy Ng"}},
                      SplitCase{"none", {}, {}}),
    test::param_name);

}  // namespace
}  // namespace idx::indexer
