// The index-check test (the idea of Omega's omindexcheck): each fixture post
// under tests/fixtures/index-check/ is parsed and built as `idx add` would,
// and its document must hold the terms listed for it and none of the terms
// listed against it.
#include <gtest/gtest.h>
#include <xapian.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "common/error.hpp"
#include "common/schema.hpp"
#include "common/utf8.hpp"
#include "indexer/document_builder.hpp"
#include "indexer/post_parser.hpp"
#include "tests/support/built_document.hpp"
#include "tests/support/param_name.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

using Strings = std::vector<std::string>;
using test::stored_post;
using test::terms_of;

const std::string kFixtures = std::string(IDX_TEST_FIXTURES) + "/index-check/";

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

SourceRecord source_for(const std::string& path, const std::string& content) {
    return {path, 1456078330000000000, content.size(), std::string(16, '\x5A')};
}

struct Fixture {
    const char* file;
    Strings must_have;
    Strings must_not_have;
    std::string title;  // as a search result shows it
    std::string url;
    std::string date_key;  // the date slot; empty when the post has no date
};

// A fixture read and built as `idx add` would.
struct Built {
    std::string path;
    std::string content;
    ParseResult parsed;
    BuiltDocument built;
};

Built build_fixture(const std::string& file, const IndexSettings& settings = {}) {
    Built b;
    b.path = kFixtures + file;
    b.content = read_file(b.path);
    b.parsed = parse_post(b.path, b.content, ParseOptions{&settings, {}, {}});
    DocumentBuilder builder(settings);
    b.built = builder.build(b.parsed.post, source_for(b.path, b.content));
    return b;
}

class IndexCheck : public ::testing::TestWithParam<Fixture> {};

TEST_P(IndexCheck, Terms) {
    const Built b = build_fixture(GetParam().file);
    ASSERT_FALSE(b.content.empty()) << "missing fixture " << b.path;
    ASSERT_EQ(b.parsed.status, ParseStatus::post) << b.parsed.error.message << b.parsed.skip_reason;
    EXPECT_TRUE(b.parsed.warnings.empty()) << b.parsed.warnings.front().message;
    const std::set<std::string> terms = terms_of(b.built.document);
    for (const std::string& term : GetParam().must_have)
        EXPECT_TRUE(terms.count(term)) << GetParam().file << " lacks term [" << term << "]";
    for (const std::string& term : GetParam().must_not_have)
        EXPECT_FALSE(terms.count(term)) << GetParam().file << " has term [" << term << "]";
    EXPECT_TRUE(terms.count("Q" + b.path)) << "no unique id term";
    EXPECT_EQ(b.built.unique_term, "Q" + b.path);
    for (const std::string& term : terms) {
        EXPECT_LT(term.size(), 245u) << term;
        EXPECT_TRUE(is_clean_utf8(term)) << term;
    }
}

TEST_P(IndexCheck, Values) {
    const Built b = build_fixture(GetParam().file);
    const Xapian::Document& doc = b.built.document;
    const Post& post = b.parsed.post;
    EXPECT_EQ(doc.get_value(schema::slot::date), GetParam().date_key);

    Strings authors, categories, tags, months, langs;
    const bool ok = visit_facets(doc.get_value(schema::slot::facets), [&](FacetField field, std::string_view value) {
        switch (field) {
            case FacetField::author:
                authors.emplace_back(value);
                break;
            case FacetField::category:
                categories.emplace_back(value);
                break;
            case FacetField::tag:
                tags.emplace_back(value);
                break;
            case FacetField::month:
                months.emplace_back(value);
                break;
            case FacetField::lang:
                langs.emplace_back(value);
                break;
        }
    });
    EXPECT_TRUE(ok);
    EXPECT_EQ(authors, post.authors);
    EXPECT_EQ(categories, post.categories);
    EXPECT_EQ(tags, post.tags);
    EXPECT_EQ(langs, Strings{post.lang});  // every fixture is in idx.yaml's default language
    EXPECT_EQ(post.lang, "en");
    if (GetParam().date_key.empty()) {
        EXPECT_TRUE(months.empty());
    } else {
        // YYYY-MM of the sort key YYYYMMDD...
        EXPECT_EQ(months, Strings{GetParam().date_key.substr(0, 4) + "-" + GetParam().date_key.substr(4, 2)});
    }

    const std::optional<SourceRecord> source = decode_source(doc.get_value(schema::slot::source));
    ASSERT_TRUE(source.has_value());
    EXPECT_EQ(*source, source_for(b.path, b.content));
}

TEST_P(IndexCheck, DataDecodesToThePost) {
    const Built b = build_fixture(GetParam().file);
    const std::optional<Post> data = stored_post(b.built.document);
    ASSERT_TRUE(data.has_value());
    const Post& post = b.parsed.post;
    EXPECT_EQ(data->title, GetParam().title);
    EXPECT_EQ(data->url, GetParam().url);
    EXPECT_EQ(data->path, b.path);
    EXPECT_EQ(data->authors, post.authors);
    EXPECT_EQ(data->categories, post.categories);
    EXPECT_EQ(data->tags, post.tags);
    EXPECT_EQ(data->date, post.date);
    EXPECT_EQ(data->id, post.id);
    EXPECT_EQ(data->text, post.text);
    if (data->date) {
        EXPECT_EQ(to_sort_key(*data->date), GetParam().date_key);
    }
}

const std::string kDash = "\xE2\x80\x93";

// One row per file under tests/fixtures/index-check/ (EveryFixtureHasARow checks that).
const std::vector<Fixture> kFixtureTable = {
    Fixture{"2016-02-21-wordpress-export.md",
            {"envoy", "ceasefir", "convoy", "villag", "deleg", "winter", "geneva", "talk",
             // title words under S, stemmed
             "Sceasefir", "Stalk", "Sresum", "Sgeneva", "Senvoy", "Slast", "Schanc",
             // the exact fields
             "Astaff writer", "XCworld", "XCtop stories", "Kgeneva", "Kdiplomacy", "XID101", "Y2016", "M201602",
             // the exact title: its stems in order, stop words left out
             "XTceasefir talk resum geneva envoy last chanc"},
            {"zzscriptword", "trackingpixel", "zzstyleword", "colour", "ad_1", "ad_2", "ad", "8211", "039", "quot",
             "amp", "wire", "entri", "XC:World,Top Stories", "XCWorld", "XC:Top", "AStaff", "XID:101", "KDiplomaci",
             "KDiplomacy", "M20162", "D2016221", "XC:World", "XC:Top Stories", "AStaff Writer",
             // no day terms since schema 4: `date:` ranges use the value slot
             "D20160221"},
            "Ceasefire talks resume in Geneva " + kDash + " envoys' \"last chance\"",
            "https://news.example.org/2016/02/ceasefire-talks-resume-in-geneva/",
            "20160221181210"},
    Fixture{"2016-03-15-jekyll-garden.markdown",
            {"tulip", "crocus", "daffodil", "zzcodeword", "bed", "flower", "shed", "Sspring", "Sgarden", "Sbulb",
             "Sfrost", "Aana", "XCculture", "XCgardening", "Kspring bulbs", "Kfrost", "Y2016", "M201603"},
            {"zzliquidinclude", "zzliquidcomment", "figur", "jpg", "include", "endcom", "XC:culture", "XCCulture",
             "KSpring", "K:Spring Bulbs", "KSpring Bulbs", "strong", "em", "code", "XID"},
            "Spring garden notes: bulbs and frost",
            "",
            "20160315073000"},
    Fixture{"capitals-and-commas.html",
            {"winter", "season", "final", "air", "unforgett", "simpli", "Scultur", "Snote", "Sreview", "XCculture",
             "XCgame of thrones", "XCtv", "Amary o'neil", "Kreviews", "Y2016", "M201606"},
            {"zznoscriptword", "zzcommentword", "seasonfinal", "forget", "tabl", "un", "XCCulture", "XC:Culture",
             "XC:Culture,Game of Thrones, TV", "XC: TV", "amp", "039", "AMary O&#039;Neil"},
            "Culture notes & reviews",
            "",
            "20160601000000"},
    Fixture{"2016-05-02-long-category.md",
            {"cat", "stray", "harbour", "Sfile", "Scategori", "XCshort", "Y2016", "M201605"},
            {"Scat"},
            "A post filed under a very long category",
            "",
            "20160502000000"},
    // A .md file holding indented HTML (a WordPress export): read as HTML.
    Fixture{"2016-07-04-exported-with-id.md",
            {"lantern", "river", "dusk", "volunt", "bank", "Slantern", "Sriver", "Aben okafor", "Astaff writer",
             "Kfestival", "Klanterns", "XCnews", "XID4711", "Y2016", "M201607"},
            {"zziframeword", "p", "div", "class", "post", "iframe", "video", "Klantern", "XID:4711"},
            "Lanterns on the river",
            "https://blog.example.org/lanterns/",
            "20160704000000"},
    // The post's own local date: 00:30 at +02:00 is still 1 June, not 31 May.
    Fixture{"2016-06-01-late-night-offset.md",
            {"midnight", "market", "quay", "stall", "heron", "lamp", "lit", "Smidnight", "Smarket", "Anight desk",
             "XCcity", "Y2016", "M201606"},
            {"D20160531", "M201605", "zzembedword", "zzaltword", "video", "attachment_7", "caption", "embed", "jpg",
             "XCCity"},
            "Midnight market",
            "",
            "20160601003000"}};

INSTANTIATE_TEST_SUITE_P(Fixtures, IndexCheck, ::testing::ValuesIn(kFixtureTable),
                         [](const ::testing::TestParamInfo<Fixture>& p) { return test::as_test_name(p.param.file); });

// A fixture without a row would check nothing; a row without a fixture would fail anyway.
TEST(IndexCheck, EveryFixtureHasARow) {
    std::set<std::string> on_disk;
    for (const auto& entry : std::filesystem::directory_iterator(kFixtures)) on_disk.insert(entry.path().filename());
    std::set<std::string> in_table;
    for (const Fixture& fixture : kFixtureTable) in_table.insert(fixture.file);
    EXPECT_EQ(on_disk, in_table);
}

TEST(IndexCheck, DateWithOffsetIsStoredWithIt) {
    const Built b = build_fixture("2016-06-01-late-night-offset.md");
    const std::optional<Post> data = decode_document_data(b.built.document.get_data());
    ASSERT_TRUE(data.has_value() && data->date.has_value());
    EXPECT_EQ(to_iso8601(*data->date), "2016-06-01T00:30:00+02:00");
}

// Xapian refuses terms over 245 bytes: the category must still be filterable
// by the term the query side makes, and its facet keeps the whole value.
TEST(IndexCheck, LongCategoryTermIsCut) {
    const Built b = build_fixture("2016-05-02-long-category.md");
    const Post& post = b.parsed.post;
    ASSERT_EQ(post.categories.size(), 2u);
    const std::string& long_category = post.categories.front();
    ASSERT_GT(long_category.size(), 245u);
    EXPECT_EQ(long_category.rfind("Tr\xC3\xA8s longue cat\xC3\xA9gorie", 0), 0u);

    std::vector<std::string> long_terms;
    for (const std::string& term : terms_of(b.built.document))
        if (term.rfind("XCtres", 0) == 0) long_terms.push_back(term);
    ASSERT_EQ(long_terms.size(), 1u);
    EXPECT_LT(long_terms.front().size(), 245u);
    EXPECT_TRUE(is_clean_utf8(long_terms.front()));
    EXPECT_EQ(long_terms.front(), schema::label_term(schema::prefix::category, long_category));

    bool facet_has_whole = false;
    visit_facets(b.built.document.get_value(schema::slot::facets), [&](FacetField field, std::string_view value) {
        if (field == FacetField::category && value == long_category) facet_has_whole = true;
    });
    EXPECT_TRUE(facet_has_whole);
}

// Every fixture stored in a real database and read back: Xapian accepts every
// term, and filters find exactly the posts they should.
TEST(IndexCheck, FixturesSurviveADatabase) {
    const test::TempDir dir("idx-document-builder");
    const std::string db_path = (dir / "db").string();
    std::vector<std::string> files;
    for (const Fixture& fixture : kFixtureTable) files.push_back(fixture.file);
    ASSERT_EQ(files.size(), 6u);  // the counts below are for these six
    {
        Xapian::WritableDatabase db(db_path, Xapian::DB_CREATE | Xapian::DB_BACKEND_GLASS);
        for (const std::string& file : files) {
            const Built b = build_fixture(file);
            ASSERT_EQ(b.parsed.status, ParseStatus::post) << file;
            db.replace_document(b.built.unique_term, b.built.document);
        }
        db.commit();
    }
    const Xapian::Database db(db_path);
    EXPECT_EQ(db.get_doccount(), 6u);
    EXPECT_EQ(db.get_termfreq("Y2016"), 6u);
    EXPECT_EQ(db.get_termfreq("XCtop stories"), 1u);
    EXPECT_EQ(db.get_termfreq("Astaff writer"), 2u);
    EXPECT_EQ(db.get_termfreq("M201606"), 2u);
    EXPECT_EQ(db.get_termfreq("XID4711"), 1u);
    EXPECT_EQ(db.get_termfreq("zzscriptword"), 0u);
    for (const std::string& file : files) {
        EXPECT_EQ(db.get_termfreq("Q" + kFixtures + file), 1u) << file;
        const Xapian::PostingIterator it = db.postlist_begin("Q" + kFixtures + file);
        ASSERT_NE(it, db.postlist_end("Q" + kFixtures + file));
        const std::optional<Post> data = stored_post(db.get_document(*it));
        ASSERT_TRUE(data.has_value());
        EXPECT_EQ(data->path, kFixtures + file);
    }
}

}  // namespace
}  // namespace idx::indexer
