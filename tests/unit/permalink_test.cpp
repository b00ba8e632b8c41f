#include "indexer/permalink.hpp"

#include <gtest/gtest.h>

#include "tests/support/param_name.hpp"
#include "tests/support/post_dates.hpp"

namespace idx::indexer {
namespace {

using Strings = std::vector<std::string>;

PostDate date(int y, int m, int d, int hour = 0, int minute = 0, std::optional<int> offset = std::nullopt) {
    PostDate out;
    out.year = y;
    out.month = m;
    out.day = d;
    out.hour = hour;
    out.minute = minute;
    out.utc_offset_minutes = offset;
    return out;
}

struct Case {
    const char* name;
    std::string relative_path;
    std::string permalink;  // the site's
    std::optional<PostDate> date;
    std::string expected;  // the path on the site
    Strings categories = {};
    Strings category = {};
    std::string slug = {};
    std::string own_permalink = {};
    std::string lang = {};
    std::string timezone = {};
};

class JekyllPath : public ::testing::TestWithParam<Case> {};

TEST_P(JekyllPath, IsWhatJekyllForms) {
    const Case& c = GetParam();
    SiteConfig site;
    site.permalink = c.permalink;
    site.timezone = c.timezone;
    PermalinkInput input;
    input.relative_path = c.relative_path;
    input.own_permalink = c.own_permalink;
    input.categories = c.categories;
    input.category = c.category;
    input.slug = c.slug;
    input.lang = c.lang;
    input.date = c.date;
    EXPECT_EQ(jekyll_path(input, site), c.expected);
}

// Expected values are what Jekyll 4 gives for the same file and settings.
INSTANTIATE_TEST_SUITE_P(
    Cases, JekyllPath,
    ::testing::Values(
        Case{"ruby_lang_pretty",
             "en/news/_posts/2024-12-25-ruby-3-4-0-released.md",
             "pretty",
             date(2024, 12, 25, 0, 0, 0),
             "/en/news/2024/12/25/ruby-3-4-0-released/",
             {},
             {},
             {},
             {},
             {},
             "UTC"},
        Case{"default_date_style", "_posts/2016-02-21-hello-world.md", "date", date(2016, 2, 21),
             "/2016/02/21/hello-world.html"},
        Case{"front_matter_categories_after_folders",
             "blog/_posts/2016-02-21-hello-world.md",
             "date",
             date(2016, 2, 21),
             "/blog/jekyll/update/2016/02/21/hello-world.html",
             {"Jekyll", "update"}},
        Case{"category_string_is_one_value",
             "_posts/2016-02-21-hello-world.md",
             "none",
             date(2016, 2, 21),
             "/foo%20bar/hello-world.html",
             {},
             {"Foo Bar"}},
        Case{"repeated_categories_once",
             "news/_posts/2016-02-21-x.md",
             "none",
             date(2016, 2, 21),
             "/news/x.html",
             {"News", "news"}},
        Case{"ordinal", "_posts/2016-02-21-hello-world.md", "ordinal", date(2016, 2, 21), "/2016/052/hello-world.html"},
        Case{"weekdate", "_posts/2016-02-21-hello-world.md", "weekdate", date(2016, 2, 21),
             "/2016/W07/Sun/hello-world.html"},
        Case{"weekdate_iso_year_start", "_posts/2021-01-01-x.md", "/:w_year/W:week/:w_day/:title/", date(2021, 1, 1),
             "/2020/W53/5/x/"},
        Case{"none", "_posts/2016-02-21-hello-world.md", "none", date(2016, 2, 21), "/hello-world.html"},
        Case{"custom_pattern", "_posts/2016-02-21-Hello-World.md",
             "/:year/:i_month/:i_day/:short_month/:long_month/:short_year/:title/:slug/", date(2016, 2, 1),
             "/2016/2/1/Feb/February/16/Hello-World/hello-world/"},
        Case{"time_pieces", "_posts/2016-02-21-x.md", "/:hour/:minute/:second/:title:output_ext",
             date(2016, 2, 21, 9, 5), "/09/05/00/x.html"},
        Case{"lang", "_posts/2016-02-21-x.md", "/:lang/:title/", date(2016, 2, 21), "/de/x/", {}, {}, {}, {}, "de"},
        Case{"trailing_underscore_ends_a_name", "_posts/2016-02-21-x.md", "/:year_:month_/:title/", date(2016, 2, 21),
             "/201602/x/"},
        Case{"unknown_name_stays", "_posts/2016-02-21-x.md", "/:nope/:title/", date(2016, 2, 21), "/:nope/x/"},
        Case{"front_matter_slug",
             "_posts/2016-02-21-x.md",
             "pretty",
             date(2016, 2, 21),
             "/2016/02/21/My-Slug/",
             {},
             {},
             "My Slug"},
        Case{"date_from_front_matter_not_name", "_posts/2016-02-21-x.md", "pretty", date(2017, 3, 4), "/2017/03/04/x/"},
        Case{"offset_moved_into_utc",
             "_posts/2016-02-21-x.md",
             "pretty",
             date(2016, 2, 21, 8, 0, 9 * 60),
             "/2016/02/20/x/",
             {},
             {},
             {},
             {},
             {},
             "UTC"},
        Case{"offset_kept_without_a_zone", "_posts/2016-02-21-x.md", "pretty", date(2016, 2, 21, 8, 0, 9 * 60),
             "/2016/02/21/x/"},
        Case{"non_ascii_escaped", "_posts/2016-02-21-caf\xC3\xA9 menu.md", "date", date(2016, 2, 21),
             "/2016/02/21/caf%C3%A9-menu.html"},
        Case{"own_permalink_pattern",
             "_posts/2016-02-21-x.md",
             "date",
             date(2016, 2, 21),
             "/about/x/",
             {},
             {},
             {},
             "/about/:title/"},
        Case{"own_permalink_fixed",
             "_posts/2016-02-21-x.md",
             "date",
             date(2016, 2, 21),
             "/fixed/",
             {},
             {},
             {},
             "fixed/"},
        Case{"drafts_folder", "_drafts/new-idea.md", "pretty", date(2016, 2, 21), "/2016/02/21/new-idea/"},
        Case{"subfolder_of_posts_is_no_category", "_posts/2016/2016-02-21-x.md", "pretty", date(2016, 2, 21),
             "/2016/02/21/x/"},
        Case{"no_date_gives_empty_pieces", "_posts/x.md", "pretty", std::nullopt, "/x/"},
        Case{"page", "about.md", "date", std::nullopt, "/about.html"},
        Case{"page_pretty", "docs/about.md", "pretty", std::nullopt, "/docs/about/"},
        Case{"page_index", "docs/index.md", "date", std::nullopt, "/docs/"}),
    test::param_name);

TEST(JekyllUrl, SiteUrlAndBaseurlInFront) {
    SiteConfig site;
    site.url = "https://www.example.org";
    site.baseurl = "/blog";
    PermalinkInput input;
    input.relative_path = "_posts/2016-02-21-hello-world.md";
    input.date = date(2016, 2, 21);
    EXPECT_EQ(jekyll_url(input, site), "https://www.example.org/blog/2016/02/21/hello-world.html");
    site.url.clear();
    EXPECT_EQ(jekyll_url(input, site), "/blog/2016/02/21/hello-world.html");
}

TEST(PermalinkPattern, NamesTheStyles) {
    EXPECT_EQ(permalink_pattern("pretty"), "/:categories/:year/:month/:day/:title/");
    EXPECT_EQ(permalink_pattern("/:title/"), "/:title/");
}

TEST(IsAbsoluteUrl, SchemeOrNetworkPath) {
    EXPECT_TRUE(is_absolute_url("https://a.org/x"));
    EXPECT_TRUE(is_absolute_url("//a.org/x"));
    EXPECT_TRUE(is_absolute_url("mailto:a@b.org"));
    EXPECT_FALSE(is_absolute_url("/2016/x/"));
    EXPECT_FALSE(is_absolute_url("x/y"));
    EXPECT_FALSE(is_absolute_url("/a:b/"));
    EXPECT_FALSE(is_absolute_url("1a:b"));
}

TEST(Slugify, PrettyKeepsCaseAndSomePunctuation) {
    EXPECT_EQ(slugify("Hello, World!", true), "Hello,-World!");
    EXPECT_EQ(slugify("Hello, World!", false), "hello-world");
    EXPECT_EQ(slugify("--a  b--", false), "a-b");
    EXPECT_EQ(slugify("ruby-3.4.0", true), "ruby-3.4.0");
}

TEST(EscapePath, KeepsWhatJekyllKeeps) {
    EXPECT_EQ(escape_path("a-b_c.d~e/f:g@h"), "a-b_c.d~e/f:g@h");
    EXPECT_EQ(escape_path("a b#c?"), "a%20b%23c%3F");
}

}  // namespace
}  // namespace idx::indexer
