// The real idx on small Jekyll sites it writes itself (issue 9): links formed
// as Jekyll forms them from the site's _config.yml and idx.yaml, the text a
// reader of the site sees (Markdown, kramdown and Liquid rendered away), and
// YAML errors reported on the line where they are.

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>

#include "tests/cli/json_schema.hpp"
#include "tests/support/cli_test.hpp"

namespace idx::test {
namespace {

using nlohmann::json;

// Any of these in a title or snippet is Markdown, kramdown or Liquid that a
// reader of the site never sees.
const char* markup_in(const std::string& text) {
    static const char* const kMarkup[] = {"](",  "![",  "{:",   "{%", "%}",    "{{",  "}}",     "[^",
                                          "```", "~~~", "<!--", "*[", "https", "wp/", "uploads"};
    for (const char* m : kMarkup)
        if (text.find(m) != std::string::npos) return m;
    return nullptr;
}

class Jekyll : public CliTest {
protected:
    fs::path site() const { return dir() / "site"; }

    void add(const std::vector<std::string>& extra) const {
        std::vector<std::string> args = {"add", "--db", db()};
        args.insert(args.end(), extra.begin(), extra.end());
        const Exit r = idx(args);
        ASSERT_EQ(r.code, 0) << r.err;
    }

    json search(const std::string& query, const std::vector<std::string>& extra = {}) const {
        std::vector<std::string> args = {"search", "--db", db(), "--json", "--no-facets", "--limit", "100"};
        args.insert(args.end(), extra.begin(), extra.end());
        args.push_back(query);
        const Exit r = idx(args);
        EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
        const json result = json::parse(r.out);
        EXPECT_EQ(json_schema_v1().problems(result, "search"), std::vector<std::string>{});
        return result;
    }

    // file name -> url, for every post the index holds.
    std::map<std::string, std::string> urls() const {
        std::map<std::string, std::string> out;
        const json all = search("", {"--sort", "date"});  // kept: a loop over a temporary's member dangles
        for (const json& r : all["results"]) {
            const std::string name = fs::path(r["path"].get<std::string>()).filename().string();
            out[name] = r["url"].is_null() ? std::string() : r["url"].get<std::string>();
        }
        return out;
    }

    void write_ruby_like_site() const {
        write_file(site() / "_config.yml",
                   "markdown: kramdown\npermalink: pretty\ntimezone: UTC\nurl: https://www.example.org\n");
        write_post(site() / "en/news/_posts/2024-12-25-ruby-3-4-0-released.md",
                   "layout: news_post\ntitle: \"Ruby 3.4.0 Released\"\nauthor: \"naruse\"\n"
                   "date: 2024-12-25 00:00:00 +0000\nlang: en\n",
                   "We are pleased to announce Ruby {{ release.version }}.\n");
        write_post(site() / "ja/news/_posts/2024-12-25-ruby-3-4-0-released.md",
                   "title: \"Ruby 3.4.0 リリース\"\ndate: 2024-12-25 08:00:00 +0900\nlang: ja\n", "リリース\n");
        write_post(site() / "_posts/2020-01-02-elsewhere.md",
                   "title: Elsewhere\npermalink: https://other.example.net/post/\n", "text\n");
        write_post(site() / "_posts/2020-01-03-own-pattern.md", "title: Own\npermalink: /special/:title/\n", "text\n");
        write_post(site() / "_posts/2020-01-04-Categorised Post.md",
                   "title: Cats\ncategories: Release notes\ncategory: Big News\n", "text\n");
    }
};

TEST_F(Jekyll, UrlsAreWhatJekyllServes) {
    write_ruby_like_site();
    add({site().string()});
    const std::map<std::string, std::string> got = urls();
    ASSERT_EQ(got.size(), 4u) << "same file name in en/ and ja/: one entry each is not enough";
    const json en = search("pleased announce");
    ASSERT_EQ(en["results"].size(), 1u);
    EXPECT_EQ(en["results"][0]["url"], "https://www.example.org/en/news/2024/12/25/ruby-3-4-0-released/");
    // +0900 moved into the site's UTC: the 24th, as Jekyll would have it.
    const json ja = search("title:リリース");
    ASSERT_EQ(ja["results"].size(), 1u);
    EXPECT_EQ(ja["results"][0]["url"], "https://www.example.org/ja/news/2024/12/24/ruby-3-4-0-released/");
    EXPECT_EQ(got.at("2020-01-02-elsewhere.md"), "https://other.example.net/post/");
    EXPECT_EQ(got.at("2020-01-03-own-pattern.md"), "https://www.example.org/special/own-pattern/");
    EXPECT_EQ(got.at("2020-01-04-Categorised Post.md"),
              "https://www.example.org/release/notes/big%20news/2020/01/04/Categorised-Post/");
}

TEST_F(Jekyll, AFolderInsideTheSiteUsesTheSitesConfig) {
    write_ruby_like_site();
    add({(site() / "en/news/_posts").string()});
    EXPECT_EQ(
        urls(),
        (std::map<std::string, std::string>{
            {"2024-12-25-ruby-3-4-0-released.md", "https://www.example.org/en/news/2024/12/25/ruby-3-4-0-released/"}}));
}

TEST_F(Jekyll, IdxYamlOverridesAndAChangedConfigRewritesUrls) {
    write_ruby_like_site();
    write_file(dir() / "idx.yaml", "site:\n  baseurl: /blog\n  permalink: /:categories/:title.html\n");
    add({site().string()});
    EXPECT_EQ(urls().at("2024-12-25-ruby-3-4-0-released.md"),
              "https://www.example.org/blog/en/news/ruby-3-4-0-released.html");

    // The posts did not change, their site did: the next run rewrites their URLs.
    fs::remove(dir() / "idx.yaml");
    write_file(site() / "_config.yml", "permalink: date\nurl: https://new.example.org/\n");
    add({});
    EXPECT_EQ(urls().at("2024-12-25-ruby-3-4-0-released.md"),
              "https://new.example.org/en/news/2024/12/25/ruby-3-4-0-released.html");
}

TEST_F(Jekyll, PostsFolderWithoutConfigGetsJekyllsDefault) {
    write_post(posts() / "_posts/2016-02-21-hello-world.md", "title: Hello\n", "text\n");
    write_post(posts() / "notes/loose.md", "title: Loose\n", "text\n");
    write_file(dir() / "idx.yaml", "site:\n  jekyll_config: false\n");  // whatever lies above the temp folder
    add({posts().string()});
    const std::map<std::string, std::string> got = urls();
    EXPECT_EQ(got.at("2016-02-21-hello-world.md"), "/2016/02/21/hello-world.html");
    EXPECT_EQ(got.at("loose.md"), "") << "not a Jekyll post and no site: no made-up link";

    // A `_posts` folder indexed itself: the folder above it is the site.
    write_post(dir() / "other/_posts/2016-02-22-second.md", "title: Second\n", "text\n");
    const std::string posts_folder = (dir() / "other/_posts").string();
    add({posts_folder});
    const std::map<std::string, std::string> again = urls();
    EXPECT_EQ(again.at("2016-02-22-second.md"), "/2016/02/22/second.html");
}

// Each case of issue 9's "text as the reader sees it", through the real idx.
TEST_F(Jekyll, SnippetsShowWhatTheReaderSees) {
    write_file(site() / "_config.yml", "url: https://www.example.org\n");
    write_post(site() / "_posts/2021-05-01-akademy.md", "title: \"Akademy <em>live</em> at {{ site.title }}\"\n",
               "Intro words.<!-- more -->Here is a [video](//youtu.be/abc) from the Akademy's last day.\n\n"
               "<table><tr>\n<td >![A heron at dawn](/wp/uploads/heron.png)</td>\n</tr></table>\n\n"
               "Run `docker inspect -f` with {% raw %}\"{{.State.Health.Status}}\"{% endraw %} to see it.\n\n"
               "Open [the site](https://example.org/uploads/x){:target=\"_blank\"} now.[^1]\n\n"
               "[^1]: Footnote words stay.\n\n*[HTML]: Hyper Text Markup Language\n");
    write_post(site() / "_posts/2021-05-02-centered.md", "title: Centered\n",
               "<p align=\"center\"><img src=\"a.png\"></p>\n<p align=\"center\"><img src=\"b.png\"></p>\n"
               "See [the centered docs](https://x.org/wp/uploads/docs) here.\n");
    add({site().string()});

    const json intro = search("\"words here\"");
    ASSERT_EQ(intro["results"].size(), 1u) << "a comment between two words keeps them apart";
    const json akademy = search("video Akademy");
    ASSERT_EQ(akademy["results"].size(), 1u);
    EXPECT_EQ(akademy["results"][0]["title"], "Akademy live at");
    for (const std::string query : {"video", "heron dawn", "footnote words", "Status", "site now"}) {
        const json r = search(query);
        ASSERT_EQ(r["results"].size(), 1u) << query;
        EXPECT_EQ(r["results"][0]["path"], (site() / "_posts/2021-05-01-akademy.md").string()) << query;
    }
    const json centered = search("centered docs");
    ASSERT_EQ(centered["results"].size(), 1u);
    for (const std::string query : {"target", "blank", "wp", "uploads", "https", "youtu", "Hyper"})
        EXPECT_EQ(search(query)["results"].size(), 0u) << query;

    const json all = search("", {"--sort", "date"});
    for (const json& r : all["results"]) {
        std::string snippet = r["snippet"];
        // The one piece of Liquid syntax a reader does see: the {% raw %} content.
        if (const std::size_t raw = snippet.find("{{.State.Health.Status}}"); raw != std::string::npos)
            snippet.erase(raw, 24);
        if (const char* m = markup_in(snippet)) ADD_FAILURE() << "'" << m << "' in snippet: " << snippet;
        if (const char* m = markup_in(r["title"].get<std::string>())) ADD_FAILURE() << m << " in " << r["title"];
    }
    const std::string raw = search("docker inspect")["results"][0]["snippet"];
    EXPECT_NE(raw.find("{{.State.Health.Status}}"), std::string::npos) << "{% raw %} content is page text: " << raw;
}

// ruby-lang's own habits: Liquid in link targets and reference definitions,
// a definition kramdown takes whole, a table of contents, links named like
// WordPress shortcodes.
TEST_F(Jekyll, LinksWithLiquidAndReferencesShowTheirTextOnly) {
    write_file(site() / "_config.yml", "url: https://www.example.org\npermalink: pretty\n");
    write_post(site() / "en/news/_posts/2024-12-25-ruby-3-4-0-released.md", "title: Ruby 3.4.0 Released\n",
               "* TOC\n{:toc}\n\n## Changes\n\nSee [NEWS](https://github.com/ruby/ruby/blob/{{ release.tag }}/NEWS.md) "
               "and the [download site][1], [[ruby-dev:42003]][2] and [why][3].\n\n"
               "Here is a [gallery](/g) and [YouTube](https://y.be/x) of it.\n\n"
               "[1]: {{ site.url }}/download-1.8.0.rbx\n[2]: {{ site.url }}{{ site.license.url }}\n"
               "[3]: http://hackety.org/2008/05/05/a.html(and\n");
    add({site().string()});
    const json r = search("\"Ruby 3.4.0 released\"");
    ASSERT_EQ(r["results"].size(), 1u);
    const std::string snippet = r["results"][0]["snippet"];
    EXPECT_EQ(markup_in(snippet), nullptr) << snippet;
    for (const std::string query : {"\"see news and the download site ruby-dev:42003 and why\"", "gallery YouTube"})
        EXPECT_EQ(search(query, {"--match", "all"})["results"].size(), 1u) << query;
    for (const std::string query : {"TOC", "rbx", "hackety", "github", "blob"})
        EXPECT_EQ(search(query)["results"].size(), 0u) << query;
}

TEST_F(Jekyll, YamlErrorsNameTheirLine) {
    const std::string front = "---\nlayout: post\na: 1\nb: 2\nc: 3\nd: 4\nauthor: X\n";
    write_file(posts() / "2020-01-01-lf.md", front + "title: \"Unclosed quote\ndate: 2020-01-01\n---\nbody\n");
    std::string crlf = front + "title: \"Unclosed quote\ndate: 2020-01-01\n---\nbody\n";
    for (std::size_t at = crlf.find('\n'); at != std::string::npos; at = crlf.find('\n', at + 2)) crlf.insert(at, "\r");
    write_file(posts() / "2020-01-02-crlf.md", "\xEF\xBB\xBF" + crlf);
    write_file(posts() / "2020-01-03-list.md", front + "tags: [a, b\ndate: 2020-01-01\n---\nbody\n");
    const Exit r = idx({"add", "--db", db(), posts().string()});
    EXPECT_EQ(r.code, 1);
    for (const char* name : {"2020-01-01-lf.md:8: ", "2020-01-02-crlf.md:8: ", "2020-01-03-list.md:8: "})
        EXPECT_NE(r.err.find((posts() / name).string()), std::string::npos) << name << " in:\n" << r.err;
    EXPECT_NE(r.err.find("no closing \""), std::string::npos) << r.err;
    EXPECT_EQ(search("Unclosed")["results"].size(), 0u);
}

}  // namespace
}  // namespace idx::test
