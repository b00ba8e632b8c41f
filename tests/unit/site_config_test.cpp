#include "common/site_config.hpp"

#include <gtest/gtest.h>

#include "common/error.hpp"

namespace idx {
namespace {

TEST(ParseSiteConfig, EmptyTextGivesJekyllDefaults) {
    const SiteConfig site = parse_site_config("", "_config.yml");
    EXPECT_EQ(site.url, "");
    EXPECT_EQ(site.baseurl, "");
    EXPECT_EQ(site.permalink, "date");  // Jekyll's default style
    EXPECT_EQ(site.lang, "");
    EXPECT_FALSE(site.future);
    EXPECT_EQ(site.timezone, "");
}

TEST(ParseSiteConfig, ReadsTheKeysIdxUsesAndIgnoresTheRest) {
    const SiteConfig site = parse_site_config(R"(markdown: kramdown
permalink: pretty
timezone: Asia/Tokyo
lang: ja
future: true
url: https://www.example.org/
baseurl: /blog/
plugins: [jekyll-sitemap]
svn:
  stable: {version: 2.6}
)",
                                              "_config.yml");
    EXPECT_EQ(site.url, "https://www.example.org");
    EXPECT_EQ(site.baseurl, "/blog");
    EXPECT_EQ(site.permalink, "pretty");
    EXPECT_EQ(site.lang, "ja");
    EXPECT_TRUE(site.future);
    EXPECT_EQ(site.timezone, "Asia/Tokyo");
}

TEST(ParseSiteConfig, PostsCollectionPermalinkWins) {
    const SiteConfig site =
        parse_site_config("permalink: pretty\ncollections:\n  posts:\n    permalink: /:year/:title/\n", "_config.yml");
    EXPECT_EQ(site.permalink, "/:year/:title/");
}

struct FutureCase {
    const char* yaml;
    bool future;
};

class FutureValue : public ::testing::TestWithParam<FutureCase> {};

// Jekyll tests `site.future` for Ruby truthiness: YAML's false words and null
// are false, anything else that is set is true.
TEST_P(FutureValue, IsRubyTruthiness) {
    EXPECT_EQ(parse_site_config(GetParam().yaml, "_config.yml").future, GetParam().future) << GetParam().yaml;
}

INSTANTIATE_TEST_SUITE_P(Values, FutureValue,
                         ::testing::Values(FutureCase{"future: true", true}, FutureCase{"future: false", false},
                                           FutureCase{"future: no", false}, FutureCase{"future: yes", true},
                                           FutureCase{"future:", false}, FutureCase{"future: 1", true},
                                           FutureCase{"title: x", false}));

TEST(ParseSiteConfig, ValuesOfTheWrongTypeAreIgnored) {
    const SiteConfig site = parse_site_config("url: [a, b]\npermalink: {x: 1}\nlang:\n", "_config.yml");
    EXPECT_EQ(site.url, "");
    EXPECT_EQ(site.permalink, "date");
    EXPECT_EQ(site.lang, "");
}

TEST(ParseSiteConfig, BrokenYamlNamesFileAndLine) {
    try {
        parse_site_config("title: x\nurl: [https://a\nlang: en\n", "/srv/site/_config.yml");
        FAIL() << "no error";
    } catch (const Error& e) {
        EXPECT_EQ(std::string(e.what()).rfind("/srv/site/_config.yml:", 0), 0u) << e.what();
    }
    EXPECT_THROW(parse_site_config("- a\n- b\n", "_config.yml"), Error);
}

struct NormaliseCase {
    const char* in;
    const char* url;
    const char* baseurl;
};

class Normalise : public ::testing::TestWithParam<NormaliseCase> {};

TEST_P(Normalise, TrailingSlashesGoAndBaseurlStartsWithOne) {
    EXPECT_EQ(normalise_site_url(GetParam().in), GetParam().url);
    EXPECT_EQ(normalise_baseurl(GetParam().in), GetParam().baseurl);
}

INSTANTIATE_TEST_SUITE_P(Values, Normalise,
                         ::testing::Values(NormaliseCase{"", "", ""}, NormaliseCase{"/", "", ""},
                                           NormaliseCase{"blog", "blog", "/blog"},
                                           NormaliseCase{"/blog/", "/blog", "/blog"},
                                           NormaliseCase{" https://a.org/ ", "https://a.org", "/https://a.org"}));

TEST(ApplyOverrides, EachSetOverrideWins) {
    SiteConfig site;
    site.url = "https://a.org";
    site.permalink = "pretty";
    site.lang = "en";
    SiteOverrides overrides;
    overrides.baseurl = "news/";
    overrides.lang = "de";
    overrides.future = true;
    const SiteConfig out = apply_overrides(site, overrides);
    EXPECT_EQ(out.url, "https://a.org");
    EXPECT_EQ(out.baseurl, "/news");
    EXPECT_EQ(out.permalink, "pretty");
    EXPECT_EQ(out.lang, "de");
    EXPECT_TRUE(out.future);
    EXPECT_EQ(apply_overrides(SiteConfig{}, SiteOverrides{}).permalink, "date");
}

TEST(SiteFingerprint, ChangesWithEveryField) {
    const SiteConfig base;
    const std::string fp = site_fingerprint(base);
    SiteConfig c = base;
    c.url = "x";
    EXPECT_NE(site_fingerprint(c), fp);
    c = base;
    c.baseurl = "/x";
    EXPECT_NE(site_fingerprint(c), fp);
    c = base;
    c.permalink = "none";
    EXPECT_NE(site_fingerprint(c), fp);
    c = base;
    c.lang = "fr";
    EXPECT_NE(site_fingerprint(c), fp);
    c = base;
    c.future = true;
    EXPECT_NE(site_fingerprint(c), fp);
    c = base;
    c.timezone = "UTC";
    EXPECT_NE(site_fingerprint(c), fp);
}

}  // namespace
}  // namespace idx
