#pragma once
// Eight posts indexed before each test: the search and facets tests query
// the same small site, so their counts can be read against one table.

#include <gtest/gtest.h>

#include <string>

#include "tests/support/cli_test.hpp"

namespace idx::test {

struct FixturePost {
    const char* file;
    const char* front_matter;
    const char* body;
};

// Six "harbour" posts (one a month, three authors, one with a comma in its
// name), a ceasefire post with an HTML entity in its title and a script in
// its body, and a garden post.
inline const FixturePost kPosts[] = {
    {"2016-01-10-opens.md",
     "title: Harbour opens\ndate: 2016-01-10 09:00:00\nauthor: Staff Writer\ncategories: [topNews]\ntags: [ships]",
     "The harbour opens for ships."},
    {"2016-02-10-storm.md",
     "title: Harbour storm\ndate: 2016-02-10 09:00:00\nauthor: \"Smith, John\"\ncategories: [World]\n"
     "tags: [weather, ships]",
     "A storm hit the harbour."},
    {"2016-03-10-fair.md",
     "title: Harbour fair\ndate: 2016-03-10 09:00:00\nauthor: Maria Lopez\ncategories: [topNews, community]\n"
     "tags: [fair]",
     "The fair by the harbour."},
    {"2016-04-10-closes.md",
     "title: Harbour closes\ndate: 2016-04-10 09:00:00\nauthor: Staff Writer\ncategories: [community]",
     "The harbour closes for repairs."},
    {"2016-05-10-museum.md",
     "title: Harbour museum\ndate: 2016-05-10 09:00:00\nauthor: \"Smith, John\"\ncategories: [culture]\n"
     "tags: [museum]",
     "A museum of the harbour."},
    {"2016-06-10-lights.md",
     "title: Harbour lights harbour\ndate: 2016-06-10 09:00:00\nauthor: Maria Lopez\ncategories: [topNews]\n"
     "tags: [lights]",
     "Lights over the harbour, harbour boats."},
    {"2016-02-21-talks.md",
     "post_title: 'Talks resume &#8211; ceasefire holds'\npost_date: 2016-02-21 18:12:10\nauthor: Staff Writer\n"
     "original_cats:\n  - World\ntags: [diplomacy]\npermalink: https://example.org/talks/",
     "<p>Envoys met in Geneva as the ceasefire held.</p><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>"},
    {"2016-07-01-garden.md", "title: Garden notes\ndate: 2016-07-01 08:00:00\nauthor: Sam Okafor\ncategories: [garden]",
     "Beans and tomatoes."},
};
inline constexpr int kPostCount = 8;
inline constexpr int kHarbourCount = 6;

// Each test in a temporary folder holding kPosts, indexed into db().
class HarbourPostsTest : public CliTest {
protected:
    void SetUp() override {
        for (const FixturePost& p : kPosts) write_post(posts() / p.file, p.front_matter, std::string(p.body) + "\n");
        const Exit add = idx({"add", "--db", db(), posts().string()});
        ASSERT_EQ(add.code, 0) << add.err;
    }
};

}  // namespace idx::test
