// idx::indexer::sync on temporary folders and databases; the database is
// checked with Xapian directly, after reopening it, as a reader would see it.
#include "indexer/sync.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <thread>

#include "common/error.hpp"
#include "common/lines.hpp"
#include "common/records.hpp"
#include "common/schema.hpp"
#include "indexer/removal.hpp"
#include "indexer/roots.hpp"
#include "tests/support/temp_dir.hpp"

namespace idx::indexer {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

std::string post(const std::string& title, const std::string& words) {
    return "---\ntitle: " + title + "\n---\n<p>" + words + "</p>\n";
}

void write(const std::string& path, const std::string& content) {
    fs::create_directories(fs::path(path).parent_path());
    std::ofstream(path, std::ios::binary | std::ios::trunc) << content;
}

timespec mtime_of(const std::string& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) throw std::runtime_error("cannot stat " + path);
    return st.st_mtim;
}

void set_mtime(const std::string& path, timespec when) {
    const timespec times[2] = {{0, UTIME_OMIT}, when};
    if (::utimensat(AT_FDCWD, path.c_str(), times, 0) != 0) throw std::runtime_error("cannot set mtime of " + path);
}

std::int64_t ns(timespec t) {
    return std::int64_t{t.tv_sec} * 1000000000 + t.tv_nsec;
}

class Sync : public ::testing::Test {
protected:
    const test::TempDir m_dir{"idx-sync"};
    const std::string m_posts = m_dir / "posts";
    const std::string m_db = m_dir / "db";

    std::string posts(const std::string& relative) const { return m_posts + "/" + relative; }

    SyncOptions options(Strings roots) const {
        SyncOptions o;
        o.db_path = m_db;
        o.roots = std::move(roots);
        o.jobs = 2;
        return o;
    }
    SyncOptions options() const { return options({m_posts}); }

    // Three posts, each with a word of its own.
    void write_three() const {
        write(posts("a.md"), post("Alpha", "zzalpha first"));
        write(posts("b.md"), post("Beta", "zzbeta second"));
        write(posts("sub/c.html"), post("Gamma", "zzgamma third"));
    }

    Xapian::Database reopen() const { return Xapian::Database(m_db); }

    bool has_document(const std::string& path) const { return reopen().get_termfreq("Q" + path) == 1; }

    // The terms of the document for `path`; empty when there is none.
    std::set<std::string> terms_of(const std::string& path) const {
        const Xapian::Database db = reopen();
        const Xapian::PostingIterator it = db.postlist_begin("Q" + path);
        if (it == db.postlist_end("Q" + path)) return {};
        const Xapian::Document doc = db.get_document(*it);
        return {doc.termlist_begin(), doc.termlist_end()};
    }

    std::optional<SourceRecord> source_of(const std::string& path) const {
        const Xapian::Database db = reopen();
        const Xapian::PostingIterator it = db.postlist_begin("Q" + path);
        if (it == db.postlist_end("Q" + path)) return std::nullopt;
        return decode_source(db.get_document(*it).get_value(schema::slot::source));
    }
};

// What a sync did; tests name only the counts that are not zero.
struct Counts {
    std::size_t files = 0, added = 0, updated = 0, unchanged = 0, skipped = 0, removed = 0, errors = 0;
    bool operator==(const Counts&) const = default;
};

std::ostream& operator<<(std::ostream& out, const Counts& c) {
    return out << "files " << c.files << " added " << c.added << " updated " << c.updated << " unchanged "
               << c.unchanged << " skipped " << c.skipped << " removed " << c.removed << " errors " << c.errors;
}

Counts counts(const SyncReport& r) {
    return {.files = r.files,
            .added = r.added,
            .updated = r.updated,
            .unchanged = r.unchanged,
            .skipped = r.skipped,
            .removed = r.removed,
            .errors = r.errors.size()};
}

TEST_F(Sync, FirstRun) {
    write_three();
    write(posts("about.md"), "# About\n\nNo front matter.\n");
    write(posts("draft.md"), "---\ntitle: Later\npublished: false\n---\nzzdraft\n");
    write(posts("notes.txt"), post("Not a post file", "zznotes"));

    const SyncReport report = sync(options());
    EXPECT_EQ(counts(report), (Counts{.files = 5, .added = 3, .skipped = 2}));
    EXPECT_FALSE(report.reindexed_all);
    EXPECT_EQ(report.documents, 3u);
    EXPECT_EQ(report.roots, Strings{m_posts});
    Strings skipped;
    for (const FileMessage& m : report.skips) skipped.push_back(m.path);
    std::sort(skipped.begin(), skipped.end());
    EXPECT_EQ(skipped, (Strings{posts("about.md"), posts("draft.md")}));

    const Xapian::Database db = reopen();
    EXPECT_EQ(db.get_doccount(), 3u);
    for (const char* name : {"a.md", "b.md", "sub/c.html"}) EXPECT_TRUE(has_document(posts(name))) << name;
    EXPECT_EQ(db.get_termfreq("zzalpha"), 1u);
    EXPECT_EQ(db.get_termfreq("zzdraft"), 0u);
    EXPECT_EQ(db.get_termfreq("zznotes"), 0u);
}

TEST_F(Sync, ReopenedDatabaseHoldsDocumentsAndMetadata) {
    write_three();
    sync(options());
    const Xapian::Database db = reopen();
    EXPECT_EQ(db.get_doccount(), 3u);
    EXPECT_EQ(db.get_termfreq("Salpha"), 1u);
    EXPECT_EQ(db.get_termfreq("second"), 1u);
    const Xapian::PostingIterator it = db.postlist_begin("Q" + posts("a.md"));
    ASSERT_NE(it, db.postlist_end("Q" + posts("a.md")));
    const Xapian::Document doc = db.get_document(*it);
    const std::optional<Post> data = decode_post(doc.get_data(), doc.get_value(schema::slot::text));
    ASSERT_TRUE(data.has_value());
    EXPECT_EQ(data->title, "Alpha");
    EXPECT_EQ(data->path, posts("a.md"));
    EXPECT_EQ(data->text, "zzalpha first");

    EXPECT_EQ(decode_roots(db.get_metadata(std::string(schema::metadata::roots))), Strings{m_posts});
    EXPECT_EQ(db.get_metadata(std::string(schema::metadata::fingerprint)), settings_fingerprint(IndexSettings{}));
    EXPECT_EQ(db.get_metadata(std::string(schema::metadata::schema_version)), std::to_string(schema::kVersion));
    EXPECT_EQ(db.get_metadata(std::string(schema::metadata::language)), "english");
    const Strings stop_words = split_lines(db.get_metadata(std::string(schema::metadata::stop_words)));
    EXPECT_NE(std::find(stop_words.begin(), stop_words.end(), "the"), stop_words.end());
    const std::optional<RunRecord> last_run = decode_run(db.get_metadata(std::string(schema::metadata::last_run)));
    ASSERT_TRUE(last_run.has_value());
    EXPECT_EQ(last_run->added, 3u);
    // Title words are the spelling dictionary (query/spelling.hpp).
    EXPECT_EQ(db.get_termfreq(schema::boolean_term(schema::prefix::spelling, "alpha")), 1u);
    EXPECT_EQ(db.spellings_begin(), db.spellings_end()) << "Xapian's spelling table is not written";
}

TEST_F(Sync, RerunOfUnchangedFilesReadsNothing) {
    write_three();
    sync(options());
    // Same size, same mtime, other bytes: only a run that reads the file can see it.
    const timespec before = mtime_of(posts("b.md"));
    const auto size = fs::file_size(posts("b.md"));
    write(posts("b.md"), post("Beta", "zzbetx second"));
    set_mtime(posts("b.md"), before);
    ASSERT_EQ(fs::file_size(posts("b.md")), size);

    const SyncReport report = sync(options());
    EXPECT_EQ(counts(report), (Counts{.files = 3, .unchanged = 3}));
    EXPECT_TRUE(terms_of(posts("b.md")).count("zzbeta"));
    EXPECT_FALSE(terms_of(posts("b.md")).count("zzbetx"));
}

TEST_F(Sync, TouchWithoutChangeIsUnchangedAndRemembered) {
    write_three();
    sync(options());
    timespec touched = mtime_of(posts("b.md"));
    touched.tv_sec += 60;
    set_mtime(posts("b.md"), touched);

    const SyncReport report = sync(options());
    EXPECT_EQ(counts(report), (Counts{.files = 3, .unchanged = 3}));
    const std::optional<SourceRecord> source = source_of(posts("b.md"));
    ASSERT_TRUE(source.has_value());
    EXPECT_EQ(source->mtime_ns, ns(touched)) << "the new mtime was not recorded";

    // The run after that must not read it again: changed bytes behind the
    // recorded mtime and size stay unseen.
    const auto size = fs::file_size(posts("b.md"));
    write(posts("b.md"), post("Beta", "zzbetx second"));
    set_mtime(posts("b.md"), touched);
    ASSERT_EQ(fs::file_size(posts("b.md")), size);
    EXPECT_EQ(counts(sync(options())), (Counts{.files = 3, .unchanged = 3}));
    EXPECT_TRUE(terms_of(posts("b.md")).count("zzbeta"));
}

TEST_F(Sync, EditDeleteAndAdd) {
    write_three();
    sync(options());
    write(posts("a.md"), post("Alpha", "zzepsilon edited and longer"));
    fs::remove(posts("b.md"));
    write(posts("d.md"), post("Delta", "zzdelta"));
    write(posts("sub/deeper/e.markdown"), "---\ntitle: Epsilon\n---\n*zzeta*\n");

    const SyncReport report = sync(options());
    EXPECT_EQ(counts(report), (Counts{.files = 4, .added = 2, .updated = 1, .unchanged = 1, .removed = 1}));
    EXPECT_EQ(report.documents, 4u);
    EXPECT_TRUE(terms_of(posts("a.md")).count("zzepsilon"));
    EXPECT_FALSE(terms_of(posts("a.md")).count("zzalpha"));
    EXPECT_FALSE(has_document(posts("b.md")));
    EXPECT_TRUE(has_document(posts("d.md")));
    EXPECT_TRUE(terms_of(posts("sub/deeper/e.markdown")).count("zzeta"));
    EXPECT_EQ(reopen().get_termfreq("zzbeta"), 0u);
}

// The spelling dictionary counts the title words of the posts the index holds.
TEST_F(Sync, SpellingWordsFollowEditsAndDeletions) {
    write(posts("a.md"), post("Zephyrine gardens", "one"));
    write(posts("b.md"), post("Zephyrine walks", "two"));
    write(posts("c.md"), post("Quarry lakes", "three"));
    sync(options());
    const auto frequency = [&](const std::string& word) {
        return reopen().get_termfreq(schema::boolean_term(schema::prefix::spelling, word));
    };
    EXPECT_EQ(frequency("zephyrine"), 2u);
    EXPECT_EQ(frequency("quarry"), 1u);

    write(posts("a.md"), post("Rose gardens", "one, edited"));
    fs::remove(posts("c.md"));
    sync(options());
    EXPECT_EQ(frequency("zephyrine"), 1u) << "the retitled post's old word is taken out";
    EXPECT_EQ(frequency("gardens"), 1u) << "a word the title kept stays once";
    EXPECT_EQ(frequency("rose"), 1u);
    EXPECT_EQ(frequency("quarry"), 0u) << "a deleted post's words are gone";
    EXPECT_EQ(frequency("lakes"), 0u);

    EXPECT_EQ(remove_paths(m_db, {posts("b.md")}, false).removed, 1u);
    EXPECT_EQ(frequency("zephyrine"), 0u) << "idx rm takes them out too";

    EXPECT_EQ(drop_root(m_db, m_posts, false), 1u);
    EXPECT_EQ(frequency("rose"), 0u) << "idx roots rm takes them out too";
}

TEST_F(Sync, MoveIsOneRemovedAndOneAdded) {
    write_three();
    sync(options());
    fs::create_directories(posts("moved"));
    fs::rename(posts("a.md"), posts("moved/a2.md"));

    EXPECT_EQ(counts(sync(options())), (Counts{.files = 3, .added = 1, .unchanged = 2, .removed = 1}));
    EXPECT_FALSE(has_document(posts("a.md")));
    EXPECT_TRUE(terms_of(posts("moved/a2.md")).count("zzalpha"));
    EXPECT_EQ(reopen().get_doccount(), 3u);
}

TEST_F(Sync, PostThatBecameADraftIsRemoved) {
    write_three();
    sync(options());
    write(posts("a.md"), "---\ntitle: Alpha\npublished: false\n---\nzzalpha first\n");

    const SyncReport report = sync(options());
    EXPECT_EQ(counts(report), (Counts{.files = 3, .unchanged = 2, .skipped = 1, .removed = 1}));
    EXPECT_FALSE(has_document(posts("a.md")));
    EXPECT_EQ(report.documents, 2u);
}

TEST_F(Sync, DraftsIndexedWhenAsked) {
    write(posts("draft.md"), "---\ntitle: Later\npublished: false\n---\nzzdraft\n");
    SyncOptions o = options();
    o.include_drafts = true;
    EXPECT_EQ(counts(sync(o)), (Counts{.files = 1, .added = 1}));
    EXPECT_TRUE(terms_of(posts("draft.md")).count("zzdraft"));
}

TEST_F(Sync, BrokenEditKeepsThePreviousDocument) {
    write_three();
    sync(options());
    // Line 3 of the file is YAML line 2.
    write(posts("a.md"), "---\ntitle: Alpha\n\tauthor: tab indented\n---\nzznew\n");

    const SyncReport report = sync(options());
    EXPECT_EQ(counts(report), (Counts{.files = 3, .unchanged = 2, .errors = 1}));
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].path, posts("a.md"));
    EXPECT_EQ(report.errors[0].line, 3);
    EXPECT_TRUE(terms_of(posts("a.md")).count("zzalpha"));
    EXPECT_FALSE(terms_of(posts("a.md")).count("zznew"));

    // Still broken and unchanged: reported once (as omindex does), remembered as failing.
    const SyncReport again = sync(options());
    EXPECT_EQ(again.errors.size(), 0u);
    ASSERT_EQ(again.still_failing.size(), 1u);
    EXPECT_EQ(again.still_failing[0].path, posts("a.md"));
    EXPECT_EQ(again.still_failing[0].line, 3);
    // Changed but still broken: reported again.
    write(posts("a.md"), "---\ntitle: Alpha again\n\tauthor: tab indented\n---\nzznew\n");
    EXPECT_EQ(sync(options()).errors.size(), 1u);
    EXPECT_EQ(sync(options()).errors.size(), 0u);
    // Fixed: indexed.
    write(posts("a.md"), post("Alpha", "zznew fixed"));
    EXPECT_EQ(counts(sync(options())), (Counts{.files = 3, .updated = 1, .unchanged = 2}));
    EXPECT_TRUE(terms_of(posts("a.md")).count("zznew"));
}

TEST_F(Sync, MissingRecordedRootIsAWarningAndPrunesNothing) {
    write_three();
    const std::string other = m_dir / "other";
    write(other + "/o.md", post("Other", "zzother"));
    EXPECT_EQ(counts(sync(options({m_posts, other}))), (Counts{.files = 4, .added = 4}));

    fs::rename(other, m_dir / "other-away");  // e.g. an unmounted disk
    const SyncReport report = sync(options({m_posts, other}));
    EXPECT_EQ(report.removed, 0u);
    EXPECT_EQ(report.errors.size(), 0u);
    ASSERT_EQ(report.missing_roots.size(), 1u);
    EXPECT_EQ(report.missing_roots[0].path, other);
    EXPECT_TRUE(has_document(other + "/o.md"));
    EXPECT_EQ(report.documents, 4u);

    // The same when the roots come from the database.
    const SyncReport recorded = sync(options({}));
    EXPECT_EQ(recorded.removed, 0u);
    EXPECT_EQ(recorded.errors.size(), 0u);
    EXPECT_EQ(recorded.missing_roots.size(), 1u);
    EXPECT_TRUE(has_document(other + "/o.md"));
}

// A folder never indexed that does not exist is the user's mistake: an error.
TEST_F(Sync, MissingNewRootIsAnError) {
    write_three();
    const SyncReport report = sync(options({m_posts, (m_dir / "nowhere").string()}));
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].path, (m_dir / "nowhere").string());
    EXPECT_EQ(report.missing_roots.size(), 0u);
    EXPECT_EQ(decode_roots(reopen().get_metadata(std::string(schema::metadata::roots))), Strings{m_posts});
}

// A folder that cannot be listed may still hold its posts: nothing under it is pruned.
TEST_F(Sync, UnreadableFolderPrunesNothingUnderIt) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads folders whatever their mode";
    write_three();
    sync(options());
    fs::permissions(posts("sub"), fs::perms::none);
    const SyncReport report = sync(options());
    fs::permissions(posts("sub"), fs::perms::owner_all);
    EXPECT_EQ(report.removed, 0u);
    ASSERT_EQ(report.errors.size(), 1u);
    EXPECT_EQ(report.errors[0].path, posts("sub"));
    EXPECT_TRUE(has_document(posts("sub/c.html")));
}

// A post that cannot be read is reported; its document stays.
TEST_F(Sync, UnreadableFileKeepsItsDocument) {
    if (::geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
    write_three();
    sync(options());
    write(posts("a.md"), post("Alpha", "zznew and longer"));
    fs::permissions(posts("a.md"), fs::perms::none);
    const SyncReport report = sync(options());
    fs::permissions(posts("a.md"), fs::perms::owner_read | fs::perms::owner_write);
    EXPECT_EQ(counts(report), (Counts{.files = 3, .unchanged = 2, .errors = 1}));
    EXPECT_TRUE(terms_of(posts("a.md")).count("zzalpha"));
}

TEST_F(Sync, NoPruneKeepsDocumentsOfDeletedFiles) {
    write_three();
    sync(options());
    fs::remove(posts("b.md"));
    SyncOptions keep = options();
    keep.prune = false;
    EXPECT_EQ(counts(sync(keep)), (Counts{.files = 2, .unchanged = 2}));
    EXPECT_TRUE(has_document(posts("b.md")));
    EXPECT_EQ(counts(sync(options())), (Counts{.files = 2, .unchanged = 2, .removed = 1}));
    EXPECT_FALSE(has_document(posts("b.md")));
}

TEST_F(Sync, ChangedSettingsRewriteEveryDocument) {
    write_three();
    const std::string other = m_dir / "other";
    write(other + "/o.md", post("Other", "zzother"));
    sync(options({m_posts, other}));

    SyncOptions heavier = options();  // only one root named: the recorded one is redone too
    heavier.settings.title_weight = 9;
    const SyncReport report = sync(heavier);
    EXPECT_TRUE(report.reindexed_all);
    EXPECT_EQ(counts(report), (Counts{.files = 4, .updated = 4}));

    const Xapian::Database db = reopen();
    for (const std::string& path : {posts("a.md"), other + "/o.md"}) {
        const Xapian::Document doc = db.get_document(*db.postlist_begin("Q" + path));
        const std::string title_word = path == other + "/o.md" ? "other" : "alpha";
        Xapian::TermIterator it = doc.termlist_begin();
        it.skip_to(title_word);
        ASSERT_NE(it, doc.termlist_end());
        EXPECT_EQ(it.get_wdf(), 9u) << path << " was not rewritten";
    }
    EXPECT_EQ(db.get_metadata(std::string(schema::metadata::fingerprint)), settings_fingerprint(heavier.settings));

    const SyncReport again = sync(heavier);
    EXPECT_FALSE(again.reindexed_all);
    EXPECT_EQ(again.unchanged, 3u);
}

TEST_F(Sync, RecordedRootsAreUsedWhenNoneGiven) {
    write_three();
    sync(options());
    write(posts("d.md"), post("Delta", "zzdelta"));
    const SyncReport report = sync(options({}));
    EXPECT_EQ(counts(report), (Counts{.files = 4, .added = 1, .unchanged = 3}));
    EXPECT_EQ(report.roots, Strings{m_posts});
}

TEST_F(Sync, RootsAreRecordedCanonically) {
    write_three();
    sync(options({m_posts + "/sub/../"}));
    EXPECT_EQ(decode_roots(reopen().get_metadata(std::string(schema::metadata::roots))), Strings{m_posts});
    EXPECT_TRUE(has_document(posts("a.md")));
}

TEST_F(Sync, OverlappingRootsCountEachFileOnce) {
    write_three();
    const SyncReport report = sync(options({m_posts, posts("sub")}));
    EXPECT_EQ(counts(report), (Counts{.files = 3, .added = 3}));
}

TEST_F(Sync, NoRootsAtAllIsAnError) {
    try {
        sync(options({}));
        FAIL() << "no error without roots";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ExitCode::usage);
    }
}

TEST_F(Sync, SecondWriterOnALockedDatabase) {
    write_three();
    sync(options());
    const Xapian::WritableDatabase holder(m_db, Xapian::DB_OPEN);
    try {
        sync(options());
        FAIL() << "no error for a locked database";
    } catch (const Error& e) {
        EXPECT_EQ(e.code(), ExitCode::locked) << e.what();
    }
}

TEST_F(Sync, TooBigFileIsSkippedWithAWarning) {
    write_three();
    write(posts("big.md"), post("Big", std::string(5000, 'x')));
    SyncOptions small = options();
    small.max_file_size = 1000;
    const SyncReport report = sync(small);
    EXPECT_EQ(counts(report), (Counts{.files = 4, .added = 3, .skipped = 1}));
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_EQ(report.warnings[0].path, posts("big.md"));
}

TEST_F(Sync, WarningsCarryFileLines) {
    write(posts("2016-02-21-x.md"), "---\ntitle: X\n\ndate: someday\n---\nzzx\n");
    const SyncReport report = sync(options());
    ASSERT_EQ(report.warnings.size(), 1u);
    EXPECT_EQ(report.warnings[0].path, posts("2016-02-21-x.md"));
    EXPECT_EQ(report.warnings[0].line, 4);
    EXPECT_EQ(reopen().get_document(1).get_value(schema::slot::date).substr(0, 8), "20160221");
}

TEST_F(Sync, ProgressReachesTheTotal) {
    write_three();
    std::size_t calls = 0;
    SyncProgress last;
    const std::thread::id caller = std::this_thread::get_id();
    SyncOptions o = options();
    o.on_progress = [&](const SyncProgress& p) {
        EXPECT_EQ(std::this_thread::get_id(), caller);
        EXPECT_GE(p.done, last.done);
        last = p;
        ++calls;
    };
    sync(o);
    EXPECT_EQ(calls, 3u);
    EXPECT_EQ(last.done, 3u);
    EXPECT_EQ(last.total, 3u);
}

TEST_F(Sync, SmallCommitBatchesGiveTheSameIndex) {
    for (int i = 0; i < 25; ++i)
        write(posts("p" + std::to_string(i) + ".md"), post("Post", "zzword" + std::to_string(i)));
    SyncOptions o = options();
    o.commit_every = 4;
    EXPECT_EQ(counts(sync(o)), (Counts{.files = 25, .added = 25}));
    EXPECT_EQ(reopen().get_doccount(), 25u);
    EXPECT_EQ(reopen().get_termfreq("zzword24"), 1u);
}

TEST_F(Sync, RemovePathsRemovesFilesAndFolders) {
    write_three();
    sync(options());
    EXPECT_EQ(remove_paths(m_db, {posts("a.md")}, false).removed, 1u);
    EXPECT_FALSE(has_document(posts("a.md")));
    EXPECT_EQ(remove_paths(m_db, {posts("sub") + "/"}, false).removed, 1u);
    EXPECT_FALSE(has_document(posts("sub/c.html")));
    EXPECT_TRUE(has_document(posts("b.md")));
    const RemoveReport nothing = remove_paths(m_db, {posts("nothing.md")}, false);
    EXPECT_EQ(nothing.removed, 0u);
    EXPECT_EQ(nothing.not_indexed, Strings{posts("nothing.md")});
    // A recorded folder given whole is forgotten as well.
    const RemoveReport root = remove_paths(m_db, {m_posts}, false);
    EXPECT_EQ(root.removed, 1u);
    EXPECT_EQ(root.dropped_roots, Strings{m_posts});
    EXPECT_TRUE(decode_roots(reopen().get_metadata(std::string(schema::metadata::roots))).empty());
}

}  // namespace
}  // namespace idx::indexer
