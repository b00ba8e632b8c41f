// Jekyll's publishing rules, languages, recorded folders and remembered
// failures, as cron and scripts see them: the real idx on temporary folders
// (issue 9, items 3, 4 and 6 and "a broken post mails cron on every run").

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <set>

#include "tests/cli/json_schema.hpp"
#include "tests/support/cli_test.hpp"

namespace idx::test {
namespace {

using nlohmann::json;
using Strings = std::vector<std::string>;

class SiteRules : public CliTest {
protected:
    json add_json(std::vector<std::string> extra = {}, int status = 0) const {
        std::vector<std::string> args = {"add", "--db", db(), "--json"};
        args.insert(args.end(), extra.begin(), extra.end());
        const Exit r = idx(args);
        EXPECT_EQ(r.code, status) << r.err;
        const json summary = json::parse(r.out);
        EXPECT_EQ(json_schema_v1().problems(summary, "add"), Strings{}) << r.out;
        return summary;
    }

    json search_json(std::vector<std::string> args) const {
        args.insert(args.begin(), {"search", "--db", db(), "--json", "--limit", "100"});
        const Exit r = idx(args);
        EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
        const json result = json::parse(r.out);
        EXPECT_EQ(json_schema_v1().problems(result, "search"), Strings{}) << r.out;
        return result;
    }

    // The file names (not paths) of the hits, sorted.
    std::set<std::string> hit_names(const json& result) const {
        std::set<std::string> names;
        for (const json& hit : result["results"]) names.insert(fs::path(hit["path"].get<std::string>()).filename());
        return names;
    }

    static std::string date_in_days(int days) {
        const auto when = std::chrono::system_clock::now() + std::chrono::hours(24 * days);
        const std::time_t t = std::chrono::system_clock::to_time_t(when);
        std::tm tm{};
        gmtime_r(&t, &tm);
        char buf[32];
        std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S +0000", &tm);
        return buf;
    }
};

// --- publishing rules -------------------------------------------------------

TEST_F(SiteRules, DraftsAreLeftOutAndRemovedByTheNextRunWithoutIncludeDrafts) {
    write_post(posts() / "_posts" / "2016-03-01-live.md", "title: harbour live\ndate: 2016-03-01\n", "Text.\n");
    write_post(posts() / "_posts" / "2016-03-02-unpublished.md",
               "title: harbour unpublished\ndate: 2016-03-02\npublished: false\n", "Text.\n");
    write_post(posts() / "_drafts" / "an-idea.md", "title: harbour idea\n", "Text.\n");

    const json first = add_json({posts().string()});
    EXPECT_EQ(first["added"], 1);
    EXPECT_EQ(first["skipped"], 2);
    EXPECT_EQ(hit_names(search_json({"harbour"})), (std::set<std::string>{"2016-03-01-live.md"}));

    const json with_drafts = add_json({"--include-drafts", posts().string()});
    EXPECT_EQ(with_drafts["added"], 2);
    EXPECT_EQ(hit_names(search_json({"harbour"})),
              (std::set<std::string>{"2016-03-01-live.md", "2016-03-02-unpublished.md", "an-idea.md"}));
    // Unchanged files, same request: nothing to do.
    EXPECT_EQ(add_json({"--include-drafts", posts().string()})["unchanged"], 3);

    // A plain run removes the drafts although their files did not change.
    const json plain = add_json({posts().string()});
    EXPECT_EQ(plain["removed"], 2);
    EXPECT_EQ(plain["documents"], 1);
    EXPECT_EQ(hit_names(search_json({"harbour"})), (std::set<std::string>{"2016-03-01-live.md"}));
}

TEST_F(SiteRules, AFuturePostAppearsOnTheFirstRunAfterItsDateWithoutAnEdit) {
    write_post(posts() / "2016-03-01-past.md", "title: harbour past\ndate: 2016-03-01\n", "Text.\n");
    const fs::path future = posts() / "2099-01-01-future.md";
    write_post(future, "title: harbour future\ndate: 2099-01-01 10:00:00\n", "Text.\n");
    const fs::path soon = posts() / "soon.md";
    write_post(soon, "title: harbour soon\ndate: " + date_in_days(1) + "\n", "Text.\n");

    const Exit verbose = idx({"add", "--db", db(), "--verbose", posts().string()});
    EXPECT_EQ(verbose.code, 0) << verbose.err;
    EXPECT_NE(verbose.err.find(future.string() + ": dated 2099-01-01T10:00:00"), std::string::npos) << verbose.err;
    EXPECT_EQ(hit_names(search_json({"harbour"})), (std::set<std::string>{"2016-03-01-past.md"}));

    // The day comes (the post's date moves into the past: the same as the
    // clock moving forward) while its mtime and size stay as they were.
    const auto mtime = fs::last_write_time(soon);
    const std::string content = read_file(soon);
    std::string past = content;
    const std::string when = date_in_days(1);
    past.replace(past.find("date: ") + 6, when.size(), date_in_days(-1));
    ASSERT_EQ(past.size(), content.size());
    write_file(soon, past);
    fs::last_write_time(soon, mtime);
    const json after = add_json({posts().string()});
    EXPECT_EQ(after["added"], 1);
    EXPECT_EQ(hit_names(search_json({"harbour"})), (std::set<std::string>{"2016-03-01-past.md", "soon.md"}));

    // future: true (--future, or future: true in idx.yaml) indexes it now;
    // a run without it takes it out again.
    EXPECT_EQ(add_json({"--future", posts().string()})["added"], 1);
    EXPECT_EQ(search_json({"harbour"})["total"], 3);
    EXPECT_EQ(add_json({posts().string()})["removed"], 1);
    write_file(dir() / "idx.yaml", "future: true\n");
    EXPECT_EQ(add_json({posts().string()})["added"], 1);
    EXPECT_EQ(search_json({"harbour"})["total"], 3);
}

// `future:` and `timezone:` from the Jekyll site's _config.yml decide what is
// published; idx.yaml's `site:` overrides them.
TEST_F(SiteRules, FutureAndTimezoneComeFromTheSitesConfigAndIdxYamlOverridesThem) {
    const fs::path site = dir() / "site";
    write_file(site / "_config.yml", "future: true\ntimezone: Asia/Tokyo\n");
    write_post(site / "_posts/2099-01-01-future.md", "title: harbour future\ndate: 2099-01-01 10:00:00\n", "Text.\n");
    // Written without an offset, five hours after now on a UTC clock: in
    // Tokyo (UTC+9 all year, no daylight saving) that was four hours ago.
    const auto in_five_hours = std::chrono::system_clock::now() + std::chrono::hours(5);
    const std::time_t t = std::chrono::system_clock::to_time_t(in_five_hours);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char wall_clock[32];
    std::strftime(wall_clock, sizeof wall_clock, "%Y-%m-%d %H:%M:%S", &tm);
    write_post(site / "_posts/2020-01-01-tokyo.md", "title: harbour tokyo\ndate: " + std::string(wall_clock) + "\n",
               "Text.\n");

    EXPECT_EQ(add_json({site.string()})["added"], 2);
    EXPECT_EQ(hit_names(search_json({"harbour"})),
              (std::set<std::string>{"2099-01-01-future.md", "2020-01-01-tokyo.md"}));

    // idx.yaml's `site: future: false` wins over _config.yml: the next run
    // takes the future post out, its file unchanged.
    write_file(dir() / "idx.yaml", "site:\n  future: false\n");
    EXPECT_EQ(add_json({site.string()})["removed"], 1);
    EXPECT_EQ(hit_names(search_json({"harbour"})), (std::set<std::string>{"2020-01-01-tokyo.md"}));

    // Read in UTC, the Tokyo post is five hours ahead: left out until then.
    write_file(dir() / "idx.yaml", "site:\n  future: false\n  timezone: UTC\n");
    EXPECT_EQ(add_json({site.string()})["removed"], 1);
    EXPECT_EQ(search_json({"harbour"})["total"], 0);

    // A zone the machine does not know is a warning (--verbose, --json)
    // naming the file; its dates are read as UTC.
    fs::remove(dir() / "idx.yaml");
    write_file(site / "_config.yml", "timezone: Mars/Olympus_Mons\n");
    const Exit unknown = idx({"add", "--db", db(), "--verbose", site.string()});
    EXPECT_EQ(unknown.code, 0) << unknown.err;
    EXPECT_NE(unknown.err.find((site / "_config.yml").string() + ": timezone 'Mars/Olympus_Mons' is not a time zone"),
              std::string::npos)
        << unknown.err;
    EXPECT_EQ(search_json({"harbour"})["total"], 0);
}

// --- languages -------------------------------------------------------------

class Languages : public SiteRules {
protected:
    void SetUp() override {
        write_post(posts() / "en" / "2024-12-25-released.md", "title: Ruby 3.4.0 Released\nlang: en\n",
                   "We are pleased to announce the release of Ruby 3.4.0. Running the new parser.\n");
        write_post(posts() / "uk" / "2024-12-25-released.md", "title: Ruby 3.4.0 Released\nlang: uk\n",
                   "Ми раді оголосити про release of Ruby 3.4.0. Running the new parser released.\n");
        write_post(
            posts() / "de" / "2024-12-25-veroeffentlicht.md", "title: Ruby 3.4.0 veröffentlicht\nlang: de\n",
            "Wir freuen uns, die Veröffentlichung von Ruby 3.4.0 bekannt zu geben. Sicherheitslücken behoben.\n");
        write_post(posts() / "fr" / "2024-12-25-publie.md", "title: Ruby 3.4.0 publié\nlang: fr\n",
                   "Nous avons le plaisir d'annoncer la publication de Ruby 3.4.0. Les vulnérabilités corrigées.\n");
        write_post(posts() / "ru" / "2024-12-25-vypushchen.md", "title: Вышел Ruby 3.4.0\nlang: ru\n",
                   "Мы рады объявить о выпуске Ruby 3.4.0. Исправлены уязвимости.\n");
        write_post(posts() / "ja" / "2024-12-25-released.md", "title: Ruby 3.4.0 リリース\nlang: ja\n",
                   "Ruby 3.4.0 がリリースされました。この脆弱性を修正しました。\n");
        write_post(posts() / "ja" / "2024-12-26-other.md", "title: 脆弱 と 弱性\nlang: ja\n",
                   "脆弱なコードと弱性は別の言葉です。\n");
        write_post(posts() / "zh_cn" / "2024-12-25-fabu.md", "title: Ruby 3.4.0 发布\nlang: zh_CN\n",
                   "我们很高兴地宣布 Ruby 3.4.0 发布。修复了安全漏洞。\n");
        write_post(posts() / "none" / "2024-12-27-default.md", "title: Harbours and gardens\n",
                   "Nothing names this post's language: idx.yaml's (english) stems it.\n");
        add_json({posts().string()});
    }
};

TEST_F(Languages, EachPostIsStemmedInItsOwnLanguage) {
    // German: "Sicherheitslücke" finds "Sicherheitslücken" with the German stemmer.
    EXPECT_EQ(hit_names(search_json({"--lang", "de", "Sicherheitslücke"})),
              (std::set<std::string>{"2024-12-25-veroeffentlicht.md"}));
    // French: "vulnérabilité" finds "vulnérabilités".
    EXPECT_EQ(hit_names(search_json({"lang:fr vulnérabilité"})), (std::set<std::string>{"2024-12-25-publie.md"}));
    // Russian, guessed from the Cyrillic letters: "уязвимость" finds "уязвимости".
    EXPECT_EQ(hit_names(search_json({"уязвимость"})), (std::set<std::string>{"2024-12-25-vypushchen.md"}));
    // English stems: "harbour" finds "Harbours" in the post of the default language.
    EXPECT_EQ(hit_names(search_json({"harbour"})), (std::set<std::string>{"2024-12-27-default.md"}));
    // Ukrainian has no Snowball stemmer in Xapian: its words are kept as written.
    EXPECT_EQ(search_json({"--lang", "uk", "released"})["total"], 1);
    EXPECT_EQ(search_json({"--lang", "uk", "release"})["total"], 1);  // the word itself is there too
}

TEST_F(Languages, AWordFindsThePostsOfEveryLanguageWithoutNamingOne) {
    // Each post holds its own language's stems: the query is read in each
    // language of the index, and a post matches when its own reading does.
    const json german = search_json({"Sicherheitslücke"});
    EXPECT_EQ(hit_names(german), (std::set<std::string>{"2024-12-25-veroeffentlicht.md"}));
    ASSERT_EQ(german["results"].size(), 1u);
    EXPECT_NE(german["results"][0]["snippet"].get<std::string>().find("<mark>Sicherheitslücken</mark>"),
              std::string::npos)
        << german;
    EXPECT_TRUE(german["corrected_query"].is_null()) << german;
    EXPECT_EQ(hit_names(search_json({"vulnérabilité"})), (std::set<std::string>{"2024-12-25-publie.md"}));
    // Every word must hold in the same post's reading.
    EXPECT_EQ(hit_names(search_json({"--match", "all", "Veröffentlichung Sicherheitslücke"})),
              (std::set<std::string>{"2024-12-25-veroeffentlicht.md"}));
    EXPECT_EQ(search_json({"--match", "all", "Sicherheitslücke vulnérabilité"})["total"], 0);
    // A language named is the only reading.
    EXPECT_EQ(search_json({"--lang", "en", "Sicherheitslücke"})["total"], 0);
    EXPECT_EQ(search_json({"lang:fr Sicherheitslücke"})["total"], 0);
}

TEST_F(Languages, CjkWordsMatchAsWrittenNotAsScatteredCharacters) {
    // 脆弱性 is in one Japanese post; the other holds 脆弱 and 弱性 apart.
    EXPECT_EQ(hit_names(search_json({"--lang", "ja", "脆弱性"})), (std::set<std::string>{"2024-12-25-released.md"}));
    EXPECT_EQ(hit_names(search_json({"lang:ja 脆弱性"})), (std::set<std::string>{"2024-12-25-released.md"}));
    EXPECT_EQ(search_json({"脆弱"})["total"], 2);
    EXPECT_EQ(hit_names(search_json({"漏洞"})), (std::set<std::string>{"2024-12-25-fabu.md"}));
    EXPECT_EQ(hit_names(search_json({"title:リリース"})), (std::set<std::string>{"2024-12-25-released.md"}));
}

TEST_F(Languages, CjkWordsFoundAreMarkedInSnippets) {
    const json ja = search_json({"--lang", "ja", "脆弱性"});
    ASSERT_EQ(ja["results"].size(), 1u);
    EXPECT_EQ(ja["results"][0]["snippet"], "Ruby 3.4.0 がリリースされました。この<mark>脆弱性</mark>を修正しました。");
    const json zh = search_json({"--lang", "zh_cn", "--match", "all", "Ruby 漏洞"});
    ASSERT_EQ(zh["results"].size(), 1u);
    EXPECT_EQ(zh["results"][0]["snippet"],
              "我们很高兴地宣布 <mark>Ruby</mark> 3.4.0 发布。修复了安全<mark>漏洞</mark>。");
}

TEST_F(Languages, LangFacetFilterAndJson) {
    const json all = search_json({""});
    std::map<std::string, int> counts;
    for (const json& v : all["facets"]["lang"]) counts[v["value"]] = v["count"];
    EXPECT_EQ(counts, (std::map<std::string, int>{
                          {"de", 1}, {"en", 2}, {"fr", 1}, {"ja", 2}, {"ru", 1}, {"uk", 1}, {"zh_cn", 1}}));
    const json ja = search_json({"--lang", "ja", ""});
    EXPECT_EQ(ja["total"], 2);
    for (const json& hit : ja["results"]) EXPECT_EQ(hit["lang"], "ja");
    EXPECT_EQ(search_json({"--lang", "zh-CN", ""})["total"], 1);  // any spelling of the code
    EXPECT_EQ(search_json({"--lang", "ja", "--lang", "de", ""})["total"], 3);

    const Exit facets = idx({"facets", "--db", db(), "--json", "--lang", "en"});
    EXPECT_EQ(facets.code, 0) << facets.err;
    EXPECT_EQ(json::parse(facets.out)["total"], 2);

    const Exit bad = idx({"search", "--db", db(), "--lang", "English (US)", "x"});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("--lang takes a language code"), std::string::npos) << bad.err;
    const Exit bad_field = idx({"search", "--db", db(), "lang:klingonese"});
    EXPECT_EQ(bad_field.code, 2) << bad_field.out;

    // Batch: one JSON request a line, with "lang".
    Command o = options();
    o.stdin_text = "{\"query\": \"\", \"lang\": \"fr\"}\n{\"query\": \"\", \"lang\": [\"ru\", \"uk\"]}\n";
    const Exit batch = idx({"search", "--db", db(), "--queries-from", "-"}, o);
    EXPECT_EQ(batch.code, 0) << batch.err;
    const Strings answers = lines(batch.out);
    ASSERT_EQ(answers.size(), 2u) << batch.out;
    EXPECT_EQ(json::parse(answers[0])["total"], 1);
    EXPECT_EQ(json::parse(answers[1])["total"], 2);
}

TEST_F(Languages, AnEnglishQueryRanksTheEnglishPostAboveItsTranslation) {
    const json result = search_json({"Ruby 3.4.0 released parser"});
    ASSERT_GE(result["results"].size(), 2u);
    EXPECT_EQ(result["results"][0]["lang"], "en") << result.dump(1);
    // The preference orders; it does not filter: the translation still matches.
    std::set<std::string> langs;
    for (const json& hit : result["results"]) langs.insert(hit["lang"]);
    EXPECT_TRUE(langs.count("uk")) << result.dump(1);
}

TEST_F(Languages, ChangingTheDefaultLanguageReindexesEverything) {
    write_file(dir() / "idx.yaml", "language: german\n");
    const json summary = add_json({posts().string()});
    EXPECT_EQ(summary["reindexed_all"], true);
    // The post without lang: is German now, and stemmed as German.
    const json de = search_json({"--lang", "de", ""});
    EXPECT_EQ(de["total"], 2);
    write_file(dir() / "idx.yaml", "language: klingonese\n");
    const Exit bad = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(bad.code, 2);
    EXPECT_NE(bad.err.find("idx.yaml:1: 'language' should be a language code"), std::string::npos) << bad.err;
}

// --- folders ---------------------------------------------------------------

TEST_F(SiteRules, RootsListsFoldersWithPostCountsAndRmForgetsOne) {
    const fs::path other = dir() / "other";
    write_post(posts() / "2016-03-01-a.md", "title: harbour a\n", "Text.\n");
    write_post(posts() / "2016-03-02-b.md", "title: harbour b\n", "Text.\n");
    write_post(other / "2016-03-03-c.md", "title: harbour c\n", "Text.\n");
    add_json({posts().string(), other.string()});

    Exit r = idx({"roots", "--db", db()});
    EXPECT_EQ(r.code, 0) << r.err;
    Strings expected = {"1\t" + other.string(), "2\t" + posts().string()};
    std::sort(expected.begin(), expected.end(), [](const std::string& a, const std::string& b) {
        return a.substr(a.find('\t')) < b.substr(b.find('\t'));
    });
    EXPECT_EQ(lines(r.out), expected);
    const json listed = json::parse(idx({"roots", "--db", db(), "--json"}).out);
    EXPECT_EQ(json_schema_v1().problems(listed, "roots"), Strings{}) << listed.dump();
    EXPECT_EQ(listed["roots"].size(), 2u);

    // The folder moves away: one warning a run, exit 0, its posts kept.
    fs::rename(other, dir() / "other-moved");
    for (int run_number = 0; run_number < 2; ++run_number) {
        r = idx({"add", "--db", db()});
        EXPECT_EQ(r.code, 0) << r.err;
        EXPECT_EQ(lines(r.err), Strings{other.string() +
                                        ": folder is gone (moved, deleted or not mounted); its posts stay in the index "
                                        "until `idx roots rm` drops it (warning)"});
        EXPECT_EQ(search_json({"harbour"})["total"], 3);
    }
    EXPECT_NE(idx({"roots", "--db", db()}).out.find(other.string() + "\t(gone"), std::string::npos);

    r = idx({"roots", "--db", db(), "rm", other.string()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(search_json({"harbour"})["total"], 2);
    EXPECT_EQ(lines(idx({"roots", "--db", db()}).out), Strings{"2\t" + posts().string()});
    r = idx({"add", "--db", db()});
    EXPECT_EQ(r.code, 0);
    EXPECT_EQ(r.err, "");

    r = idx({"roots", "--db", db(), "rm", other.string()});
    EXPECT_EQ(r.code, 1);
    EXPECT_NE(r.err.find("is not a recorded folder"), std::string::npos) << r.err;
}

TEST_F(SiteRules, AFolderNameWithANewlineIsOneFolder) {
    const fs::path odd = dir() / "odd\nname";
    write_post(odd / "2016-03-01-a.md", "title: harbour a\n", "Text.\n");
    add_json({odd.string()});
    const json listed = json::parse(idx({"roots", "--db", db(), "--json"}).out);
    ASSERT_EQ(listed["roots"].size(), 1u);
    EXPECT_EQ(listed["roots"][0]["path"], odd.string());
    EXPECT_EQ(listed["roots"][0]["posts"], 1);
    // The recorded folder is walked again as one folder.
    const json again = add_json();
    EXPECT_EQ(again["unchanged"], 1);
    EXPECT_EQ(again["errors"], json::array());
    EXPECT_EQ(lines(idx({"roots", "--db", db()}).out), Strings{"1\t" + dir().string() + "/odd\\nname"});
}

// --- failures reported once --------------------------------------------------

TEST_F(SiteRules, ABrokenPostIsReportedOncePerChangeAndListedByStats) {
    write_post(posts() / "2016-03-01-good.md", "title: harbour good\n", "Text.\n");
    const fs::path broken = posts() / "2016-03-02-broken.md";
    write_file(broken, "---\ntitle: Broken\ncategories: [a, b\nauthor: x\n---\nbody\n");

    Exit r = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(r.code, 1);
    ASSERT_EQ(lines(r.err).size(), 2u) << r.err;
    EXPECT_EQ(r.err.rfind(broken.string() + ":", 0), 0u) << r.err;

    // Cron's next runs: the same failure, nothing printed, exit 0.
    r = idx({"add", "--db", db()});
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_EQ(r.out + r.err, "");
    const json quiet = add_json();
    EXPECT_EQ(quiet["errors"], json::array());
    ASSERT_EQ(quiet["still_failing"].size(), 1u);
    EXPECT_EQ(quiet["still_failing"][0]["path"], broken.string());

    // idx stats lists what fails now, with the reason.
    const json stats = json::parse(idx({"stats", "--db", db(), "--json"}).out);
    EXPECT_EQ(json_schema_v1().problems(stats, "stats"), Strings{}) << stats.dump();
    ASSERT_EQ(stats["failures"].size(), 1u);
    EXPECT_EQ(stats["failures"][0]["path"], broken.string());
    EXPECT_NE(stats["failures"][0]["message"].get<std::string>().find("YAML"), std::string::npos);
    EXPECT_NE(idx({"stats", "--db", db()}).out.find("failing:   1 posts\n  " + broken.string() + ":"),
              std::string::npos);

    // Edited and still broken: reported again, once.
    write_file(broken, "---\ntitle: Broken again\ncategories: [a, b\nauthor: x\n---\nbody\n");
    r = idx({"add", "--db", db()});
    EXPECT_EQ(r.code, 1);
    EXPECT_EQ(r.err.rfind(broken.string() + ":", 0), 0u) << r.err;
    EXPECT_EQ(idx({"add", "--db", db()}).code, 0);

    // Fixed: indexed, and no longer listed.
    write_post(broken, "title: harbour fixed\n", "Text.\n");
    EXPECT_EQ(add_json()["added"], 1);
    EXPECT_EQ(json::parse(idx({"stats", "--db", db(), "--json"}).out)["failures"], json::array());
}

}  // namespace
}  // namespace idx::test
