#include "indexer/kramdown.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"

namespace idx::indexer {
namespace {

struct Case {
    const char* name;
    std::string markdown;
    std::string expected;
};

class StripKramdownBlocks : public ::testing::TestWithParam<Case> {};

TEST_P(StripKramdownBlocks, Gives) {
    EXPECT_EQ(strip_kramdown_blocks(GetParam().markdown), GetParam().expected);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, StripKramdownBlocks,
    ::testing::Values(Case{"plain_text_untouched", "# Title\n\ntext\n", "# Title\n\ntext\n"},
                      Case{"block_attribute_list", "A note.\n{: .note}\n\nNext.\n", "A note.\n\nNext.\n"},
                      Case{"attribute_definition", "{:ref: .big #id}\ntext\n", "text\n"},
                      Case{"toc_with_its_list_item", "* TOC\n{:toc}\n\n## First\n", "\n## First\n"},
                      Case{"numbered_toc", "1. this line becomes the TOC\n{:toc}\n", ""},
                      Case{"toc_alone", "{:toc}\ntext", "text"},
                      Case{"abbreviation_definition", "HTML is old.\n\n*[HTML]: Hyper Text Markup Language\n",
                           "HTML is old.\n\n"},
                      Case{"footnote_definition_keeps_text", "Said[^1].\n\n[^1]: The source, page 3.\n",
                           "Said[^1].\n\nThe source, page 3.\n"},
                      Case{"end_of_block_marker", "* a\n^\n* b\n", "* a\n* b\n"},
                      Case{"comment_extension", "a\n{::comment}\nhidden\n{:/comment}\nb\n", "a\n\nb\n"},
                      Case{"comment_extension_short_close", "a {::comment}hidden{:/} b", "a  b"},
                      Case{"text_after_more_comment", "Intro.\n<!-- more -->The rest with [a link](/x).\n",
                           "Intro.\n<!-- more -->\nThe rest with [a link](/x).\n"},
                      Case{"comment_alone_untouched", "<!-- more -->\ntext\n", "<!-- more -->\ntext\n"},
                      Case{"fenced_code_untouched", "```ruby\nh = {:a => 1}\n{: .x}\n[^1]: y\n```\n{: .x}\n",
                           "```ruby\nh = {:a => 1}\n{: .x}\n[^1]: y\n```\n"},
                      Case{"tilde_fence_untouched", "~~~~\n{:toc}\n~~~~\n", "~~~~\n{:toc}\n~~~~\n"},
                      Case{"indented_lines_untouched", "text\n\n    {: .x}\n", "text\n\n    {: .x}\n"},
                      Case{"definition_url_with_open_parenthesis", "[3]: http://x.org/a.html(and\n[4]: /b \"T\"\n",
                           "[3]: <http://x.org/a.html(and>\n[4]: /b \"T\"\n"},
                      Case{"definition_url_with_balanced_parentheses_untouched", "[w]: https://x.org/A_(b)\n",
                           "[w]: https://x.org/A_(b)\n"},
                      Case{"crlf", "A.\r\n{: .note}\r\nB.\r\n", "A.\r\nB.\r\n"}),
    test::param_name);

}  // namespace
}  // namespace idx::indexer
