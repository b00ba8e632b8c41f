#include "common/config.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "common/error.hpp"
#include "tests/support/param_name.hpp"

namespace idx {
namespace {

using Strings = std::vector<std::string>;

TEST(ParseConfig, EmptyTextGivesDefaults) {
    const Config config = parse_config("", "idx.yaml");
    const Config defaults;
    EXPECT_TRUE(config.db.empty());
    EXPECT_TRUE(config.roots.empty());
    EXPECT_EQ(config.max_file_size, defaults.max_file_size);
    EXPECT_EQ(config.jobs, defaults.jobs);
    EXPECT_EQ(settings_fingerprint(config.index), settings_fingerprint(IndexSettings{}));
}

TEST(ParseConfig, CommentsOnlyGivesDefaults) {
    const Config config = parse_config("# nothing set yet\n", "idx.yaml");
    EXPECT_TRUE(config.db.empty());
    EXPECT_EQ(settings_fingerprint(config.index), settings_fingerprint(IndexSettings{}));
}

TEST(ParseConfig, DbIsAFolderOrAListReadAsOne) {
    const Config config = parse_config("db:\n  - shards/a\n  - tcp:10.0.0.2:7000\nconnect_timeout: 0.5\n", "idx.yaml");
    EXPECT_EQ(config.db, (Strings{"shards/a", "tcp:10.0.0.2:7000"}));
    EXPECT_EQ(config.connect_timeout_ms, 500u);
    EXPECT_FALSE(parse_config("db: x\n", "idx.yaml").connect_timeout_ms.has_value());
    EXPECT_FALSE(parse_config("db: x\n", "idx.yaml").allow_partial);
    EXPECT_TRUE(parse_config("allow_partial: true\n", "idx.yaml").allow_partial);
}

TEST(ParseConfig, FutureIsAYesOrNoLikeEveryOtherSwitch) {
    EXPECT_FALSE(parse_config("", "idx.yaml").future);
    EXPECT_TRUE(parse_config("future: true\n", "idx.yaml").future);
    EXPECT_TRUE(parse_config("future: yes\n", "idx.yaml").future);
    EXPECT_FALSE(parse_config("future: off\n", "idx.yaml").future);
}

TEST(ParseTimeout, SecondsToMilliseconds) {
    EXPECT_EQ(parse_timeout_ms("2"), 2000u);
    EXPECT_EQ(parse_timeout_ms("2s"), 2000u);
    EXPECT_EQ(parse_timeout_ms("0.25"), 250u);
    EXPECT_FALSE(parse_timeout_ms("0").has_value());
    EXPECT_FALSE(parse_timeout_ms("-1").has_value());
    EXPECT_FALSE(parse_timeout_ms("601").has_value());
    EXPECT_FALSE(parse_timeout_ms("").has_value());
}

TEST(ParseConfig, ReadsEveryKey) {
    const Config config = parse_config(R"(db: /var/lib/idx
roots:
  - /srv/blog/_posts
  - /srv/blog/drafts
language: french
stop_words: [le, la, les]
title_weight: 7
shortcodes: [myad, promo_box]
split_authors: false
jobs: 3
changesets: 10
shards: 4
max_file_size: 2MiB
fields:
  title: [headline, title]
  date: published_at
  author: [writer, by]
  categories: section
  tags: keywords
  url: href
  id: uid
  published: visible
)",
                                       "idx.yaml");
    EXPECT_EQ(config.db, (Strings{"/var/lib/idx"}));
    EXPECT_EQ(config.roots, (Strings{"/srv/blog/_posts", "/srv/blog/drafts"}));
    EXPECT_EQ(config.index.language, "french");
    EXPECT_EQ(config.index.stop_words, (Strings{"le", "la", "les"}));
    EXPECT_EQ(config.index.title_weight, 7u);
    EXPECT_EQ(config.index.shortcodes, (Strings{"myad", "promo_box"}));
    EXPECT_FALSE(config.index.split_authors);
    EXPECT_EQ(config.jobs, 3u);
    EXPECT_EQ(config.changesets, 10u);
    EXPECT_EQ(config.shards, 4u);
    EXPECT_EQ(config.max_file_size, 2u * 1024 * 1024);
    const KeyMapping& keys = config.index.keys;
    EXPECT_EQ(keys.title, (Strings{"headline", "title"}));
    EXPECT_EQ(keys.date, (Strings{"published_at"}));
    EXPECT_EQ(keys.author, (Strings{"writer", "by"}));
    EXPECT_EQ(keys.categories, (Strings{"section"}));
    EXPECT_EQ(keys.tags, (Strings{"keywords"}));
    EXPECT_EQ(keys.url, (Strings{"href"}));
    EXPECT_EQ(keys.id, (Strings{"uid"}));
    EXPECT_EQ(keys.published, (Strings{"visible"}));
}

TEST(ParseConfig, FieldsNotGivenKeepTheirDefaults) {
    const Config config = parse_config("fields:\n  title: headline\n", "idx.yaml");
    const KeyMapping defaults;
    EXPECT_EQ(config.index.keys.title, (Strings{"headline"}));
    EXPECT_EQ(config.index.keys.date, defaults.date);
    EXPECT_EQ(config.index.keys.author, defaults.author);
    EXPECT_EQ(config.index.keys.categories, defaults.categories);
}

TEST(ParseConfig, SiteOverridesAreReadAndUnsetOnesStayUnset) {
    const Config config = parse_config(R"(site:
  url: https://www.example.org
  baseurl: /blog
  permalink: /:categories/:title/
  lang: de
  future: true
  timezone: Europe/Berlin
  jekyll_config: false
)",
                                       "idx.yaml");
    const SiteOverrides& site = config.index.site;
    EXPECT_EQ(site.url, "https://www.example.org");
    EXPECT_EQ(site.baseurl, "/blog");
    EXPECT_EQ(site.permalink, "/:categories/:title/");
    EXPECT_EQ(site.lang, "de");
    EXPECT_EQ(site.future, true);
    EXPECT_EQ(site.timezone, "Europe/Berlin");
    EXPECT_FALSE(site.read_jekyll_config);

    const SiteOverrides partial = parse_config("site:\n  permalink: pretty\n", "idx.yaml").index.site;
    EXPECT_EQ(partial.permalink, "pretty");
    EXPECT_FALSE(partial.url.has_value());
    EXPECT_FALSE(partial.future.has_value());
    EXPECT_TRUE(partial.read_jekyll_config);
}

TEST(ParseConfig, ServeSettingsAreReadAndDefaultToLoopback) {
    const ServeSettings defaults = parse_config("", "idx.yaml").serve;
    EXPECT_EQ(defaults.listen, "127.0.0.1:8080");
    EXPECT_EQ(defaults.threads, 32u);
    const ServeSettings serve = parse_config(R"(serve:
  listen: 0.0.0.0:9000
  threads: 8
  max_waiting: 10
  base_path: /search
  cors: https://blog.example.org
  log_queries: true
)",
                                             "idx.yaml")
                                    .serve;
    EXPECT_EQ(serve.listen, "0.0.0.0:9000");
    EXPECT_EQ(serve.threads, 8u);
    EXPECT_EQ(serve.max_waiting, 10u);
    EXPECT_EQ(serve.base_path, "/search");
    EXPECT_EQ(serve.cors, "https://blog.example.org");
    EXPECT_TRUE(serve.log_queries);
}

TEST(ParseConfig, SingleRootAsScalar) {
    EXPECT_EQ(parse_config("roots: /srv/posts\n", "idx.yaml").roots, (Strings{"/srv/posts"}));
}

struct BadCase {
    const char* name;
    std::string yaml;
    int line;            // the line the message must name
    std::string detail;  // and a word of what is wrong
};

class ParseConfigRejects : public ::testing::TestWithParam<BadCase> {};

TEST_P(ParseConfigRejects, NamesFileAndLine) {
    const BadCase& c = GetParam();
    try {
        parse_config(c.yaml, "/home/me/blog/idx.yaml");
        FAIL() << "no error for:\n" << c.yaml;
    } catch (const Error& e) {
        const std::string message = e.what();
        EXPECT_EQ(message.rfind("/home/me/blog/idx.yaml:" + std::to_string(c.line) + ": ", 0), 0u) << message;
        EXPECT_NE(message.find(c.detail), std::string::npos) << message;
        EXPECT_EQ(e.code(), ExitCode::usage);
    }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ParseConfigRejects,
    ::testing::Values(BadCase{"unknown_key", "db: /tmp/db\ncolour: red\n", 2, "colour"},
                      BadCase{"unknown_serve_key", "serve:\n  listen: 127.0.0.1:1\n  port: 80\n", 3, "port"},
                      BadCase{"serve_threads_word", "serve:\n  threads: many\n", 2, "serve.threads"},
                      BadCase{"unknown_key_later", "db: /tmp/db\nroots: [a]\n\ntitle_wieght: 3\n", 4, "title_wieght"},
                      BadCase{"weight_not_number", "title_weight: heavy\n", 1, "title_weight"},
                      BadCase{"weight_negative", "db: x\ntitle_weight: -1\n", 2, "title_weight"},
                      BadCase{"weight_too_big", "title_weight: 100000\n", 1, "title_weight"},
                      BadCase{"weight_fraction", "title_weight: 2.5\n", 1, "title_weight"},
                      BadCase{"split_authors_not_yes_or_no", "split_authors: sometimes\n", 1, "split_authors"},
                      BadCase{"jobs_not_number", "jobs: many\n", 1, "jobs"},
                      BadCase{"changesets_over_the_most", "changesets: 1001\n", 1, "changesets"},
                      BadCase{"shards_zero", "shards: 0\n", 1, "shards"},
                      BadCase{"shards_over_the_most", "shards: 65\n", 1, "shards"},
                      BadCase{"db_nothing", "db:\n", 1, "db"},
                      BadCase{"connect_timeout_zero", "connect_timeout: 0\n", 1, "connect_timeout"},
                      BadCase{"connect_timeout_words", "connect_timeout: soon\n", 1, "connect_timeout"},
                      BadCase{"allow_partial_words", "allow_partial: sometimes\n", 1, "allow_partial"},
                      BadCase{"roots_map", "roots:\n  main: /srv\n", 2, "roots"},
                      BadCase{"language_list", "language: [english, french]\n", 1, "language"},
                      BadCase{"stop_words_map", "stop_words: {a: b}\n", 1, "stop_words"},
                      BadCase{"max_file_size_words", "max_file_size: very big\n", 1, "max_file_size"},
                      BadCase{"max_file_size_over_the_ceiling", "max_file_size: 2GiB\n", 1, "at most 64MiB"},
                      BadCase{"fields_not_map", "fields: [title]\n", 1, "fields"},
                      BadCase{"unknown_field", "fields:\n  title: headline\n  colour: hue\n", 3, "colour"},
                      BadCase{"field_map", "fields:\n  title: {a: b}\n", 2, "title"},
                      BadCase{"site_not_map", "site: pretty\n", 1, "site"},
                      BadCase{"unknown_site_key", "site:\n  url: x\n  permalnk: pretty\n", 3, "permalnk"},
                      BadCase{"site_future_word", "site:\n  future: maybe\n", 2, "site.future"},
                      BadCase{"future_word", "db: x\nfuture: maybe\n", 2, "'future' should be true or false"},
                      BadCase{"site_url_list", "site:\n  url: [a, b]\n", 2, "site.url"},
                      BadCase{"broken_yaml", "db: /tmp/db\nroots: [a, b]]\n", 2, "flow"},
                      BadCase{"not_a_map", "- db\n- roots\n", 1, "mapping"}),
    test::param_name);

struct SizeCase {
    const char* name;
    std::string text;
    std::optional<std::uint64_t> expected;
};

class ParseByteSize : public ::testing::TestWithParam<SizeCase> {};

TEST_P(ParseByteSize, Parses) {
    EXPECT_EQ(parse_byte_size(GetParam().text), GetParam().expected) << GetParam().text;
}

constexpr std::uint64_t kKi = 1024;

INSTANTIATE_TEST_SUITE_P(
    Sizes, ParseByteSize,
    ::testing::Values(SizeCase{"bytes", "1048576", 1048576u}, SizeCase{"zero", "0", 0u},
                      SizeCase{"b_suffix", "512b", 512u}, SizeCase{"k", "300k", 300 * kKi},
                      SizeCase{"kib", "4KiB", 4 * kKi}, SizeCase{"mib", "16MiB", 16 * kKi* kKi},
                      SizeCase{"m_lower", "16m", 16 * kKi* kKi}, SizeCase{"mib_lower", "16mib", 16 * kKi* kKi},
                      SizeCase{"space_before_unit", "16 MiB", 16 * kKi* kKi},
                      SizeCase{"gib", "2GiB", 2 * kKi* kKi* kKi}, SizeCase{"g", "1G", kKi* kKi* kKi},
                      SizeCase{"empty", "", std::nullopt}, SizeCase{"unit_only", "MiB", std::nullopt},
                      SizeCase{"negative", "-5", std::nullopt}, SizeCase{"unknown_unit", "12 parsecs", std::nullopt},
                      SizeCase{"terabytes", "1T", std::nullopt},
                      SizeCase{"too_big_number", "99999999999999999999999", std::nullopt},
                      SizeCase{"overflow_with_unit", "18446744073709551615G", std::nullopt}),
    test::param_name);

// ---- settings_fingerprint: a change to what shapes the index must show ----

struct Change {
    const char* name;
    std::function<void(IndexSettings&)> apply;
};

class FingerprintChanges : public ::testing::TestWithParam<Change> {};

TEST_P(FingerprintChanges, Differs) {
    IndexSettings changed;
    GetParam().apply(changed);
    EXPECT_NE(settings_fingerprint(changed), settings_fingerprint(IndexSettings{}));
}

INSTANTIATE_TEST_SUITE_P(
    Settings, FingerprintChanges,
    ::testing::Values(Change{"title_keys", [](IndexSettings& s) { s.keys.title = {"headline"}; }},
                      Change{"title_key_order",
                             [](IndexSettings& s) { std::reverse(s.keys.title.begin(), s.keys.title.end()); }},
                      Change{"date_keys", [](IndexSettings& s) { s.keys.date.push_back("published_at"); }},
                      Change{"author_keys", [](IndexSettings& s) { s.keys.author = {"writer"}; }},
                      Change{"category_keys", [](IndexSettings& s) { s.keys.categories = {"section"}; }},
                      Change{"tag_keys", [](IndexSettings& s) { s.keys.tags = {"keywords"}; }},
                      Change{"url_keys", [](IndexSettings& s) { s.keys.url = {"href"}; }},
                      Change{"id_keys", [](IndexSettings& s) { s.keys.id = {"uid"}; }},
                      Change{"published_keys", [](IndexSettings& s) { s.keys.published = {"visible"}; }},
                      // The same names split differently are a different mapping.
                      Change{"list_boundaries",
                             [](IndexSettings& s) {
                                 s.keys.tags = {"tag", "soriginal_tags"};
                             }},
                      // A key moved from one field to the next is a different mapping.
                      Change{"key_moved_between_fields",
                             [](IndexSettings& s) {
                                 s.keys.title.push_back("date");
                                 s.keys.date.erase(s.keys.date.begin() + 1);
                             }},
                      Change{"language", [](IndexSettings& s) { s.language = "french"; }},
                      Change{"no_stemming", [](IndexSettings& s) { s.language = "none"; }},
                      Change{"title_weight", [](IndexSettings& s) { s.title_weight = 6; }},
                      Change{"shortcodes", [](IndexSettings& s) { s.shortcodes = {"myad"}; }},
                      Change{"authors_kept_whole", [](IndexSettings& s) { s.split_authors = false; }},
                      Change{"site_url", [](IndexSettings& s) { s.site.url = "https://a.org"; }},
                      Change{"site_permalink", [](IndexSettings& s) { s.site.permalink = "pretty"; }},
                      Change{"site_future", [](IndexSettings& s) { s.site.future = false; }},
                      Change{"no_jekyll_config", [](IndexSettings& s) { s.site.read_jekyll_config = false; }}),
    test::param_name);

TEST(SettingsFingerprint, StableForEqualSettings) {
    IndexSettings a;
    a.language = "french";
    a.title_weight = 3;
    a.shortcodes = {"x", "y"};
    a.keys.author = {"writer"};
    const IndexSettings b = a;
    EXPECT_EQ(settings_fingerprint(a), settings_fingerprint(b));
    EXPECT_EQ(settings_fingerprint(a), settings_fingerprint(a));
    // Settings parsed from text are the same settings as ones built in code.
    const Config parsed =
        parse_config("language: french\ntitle_weight: 3\nshortcodes: [x, y]\nfields:\n  author: writer\n", "idx.yaml");
    EXPECT_EQ(settings_fingerprint(parsed.index), settings_fingerprint(a));
}

// Stop words are dropped from queries only; the indexer indexes every word,
// so a new stop list needs no reindex.
TEST(SettingsFingerprint, StopWordsDoNotShapeTheIndex) {
    IndexSettings changed;
    changed.stop_words = {"the", "a"};
    EXPECT_EQ(settings_fingerprint(changed), settings_fingerprint(IndexSettings{}));
}

TEST(EffectiveStopWords, BuiltInListOrOwnList) {
    const IndexSettings english;
    const Strings builtin = effective_stop_words(english);
    EXPECT_NE(std::find(builtin.begin(), builtin.end(), "the"), builtin.end());
    EXPECT_EQ(std::find(builtin.begin(), builtin.end(), "ceasefire"), builtin.end());

    IndexSettings own;
    own.stop_words = {"und", "der"};
    EXPECT_EQ(effective_stop_words(own), (Strings{"und", "der"}));

    IndexSettings none;
    none.language = "none";
    EXPECT_TRUE(effective_stop_words(none).empty());
}

}  // namespace
}  // namespace idx
