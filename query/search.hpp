#pragma once
// A search: query in, ranked hits with snippets, exact facet counts and a
// spelling suggestion out. Results are data; cli/ prints them as text or
// JSON. One Searcher serves many searches (batch mode keeps it open).

#include <xapian.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/database_set.hpp"
#include "common/error.hpp"
#include "common/post.hpp"
#include "query/facets.hpp"
#include "query/feedback.hpp"
#include "query/query_builder.hpp"
#include "query/reader.hpp"
#include "query/search_request.hpp"
#include "query/snippet.hpp"
#include "query/spelling.hpp"
#include "query/title_boost.hpp"

namespace idx::query {

struct Hit {
    std::size_t rank = 0;  // 1-based, counting from offset 0
    double score = 0;
    Post post;  // text cleared: the snippet holds what is shown
    Snippet snippet;
};

struct SearchResult {
    std::string query;
    std::optional<std::string> corrected_query;
    Xapian::doccount total = 0;  // matches; exact when total_exact
    bool total_exact = true;
    std::size_t offset = 0;
    std::size_t limit = 0;
    std::vector<Hit> hits;
    std::optional<FacetTable> facets;
    // The members of the set left out of this answer: they could not be
    // reached, and the set allows a partial answer (DatabaseSet::allow_partial).
    // Empty: every member answered.
    std::vector<DatabaseSpec> missing;
    std::size_t members = 0;  // in the set searched, missing ones included (a sharded folder: its shards)
    bool partial() const { return !missing.empty(); }
};

// Ranking: BM25 with Robertson's usual k1 and b (Xapian's default b is 0.5;
// 0.75 normalises long posts more), plus feedback for long queries. The
// title weight is applied when indexing (IndexSettings::title_weight).
// docs/ranking.md has the measurements behind these values.
struct RankingSettings {
    double k1 = 1.2;
    double b = 0.75;
    FeedbackSettings feedback;
    TitleBoostSettings title_boost;
};

// The index could not be opened (missing, not an index, unreadable), or a
// member of the set could not be reached or stopped answering: the
// database's fault, not the request's. Same message and exit code as the
// opener's error; a server answers it 503 rather than 400. `member()` is the
// member at fault, when one is known.
class IndexUnavailable : public Error {
public:
    explicit IndexUnavailable(const Error& cause) : Error(cause.what(), cause.code()) {}
    explicit IndexUnavailable(const MemberUnavailable& cause)
        : Error(cause.what(), cause.code()), m_member(cause.member()) {}
    const std::optional<DatabaseSpec>& member() const noexcept { return m_member; }

private:
    std::optional<DatabaseSpec> m_member;
};

// The revision of the index a search reads now, and its size. A set of
// several databases, or a remote one, has no one revision (Xapian gives none).
struct IndexSnapshot {
    Xapian::doccount documents = 0;
    std::optional<Xapian::rev> revision;
    std::vector<DatabaseSpec> missing;  // as in SearchResult
};

// A Searcher reads one database or a set as one (common/database_set.hpp),
// with the same answers: the same posts in the same order with the same
// scores, totals, facet counts and suggestions as one database holding
// every post. Equal scores are ordered by the post's source value (its
// path), not by docid, which depends on how the posts are split.
//
// Faults of remote members (docs/SCALING.md): a member that cannot be
// reached, or whose connection breaks mid-search, makes the search throw
// IndexUnavailable naming it; with DatabaseSet::allow_partial the search
// answers from the others and lists it in SearchResult::missing. Either
// way the next search connects again (refresh()), so a long-lived Searcher
// follows a server that went down and came back (while it is down, only it
// is tried again before each search). The work is bounded: a search opens
// the set at most twice, each member tried once within the connect timeout
// each time.
class Searcher {
public:
    explicit Searcher(const std::string& db_path, RankingSettings ranking = {});
    explicit Searcher(DatabaseSet databases, RankingSettings ranking = {});

    // Throws idx::Error for a malformed query (ExitCode::usage).
    SearchResult search(const SearchRequest& request);

    // What the next search would read (a server's health check).
    IndexSnapshot snapshot();

private:
    // Sees what `idx add` committed since the last search, and connects
    // again when the last open failed, a connection broke, or a member left
    // out answers again: the one place the database is reopened.
    void refresh();
    SearchResult run(const SearchRequest& request);
    // Every match of `query` through the facet spy; returns how many there were.
    Xapian::doccount count_matches(const Xapian::Query& query, FacetSpy& spy) const;
    // Every match of `query`, counted without scores or facets.
    Xapian::MSet count_matches(const Xapian::Query& query) const;
    static std::vector<DatabaseIdentity> identities(const DatabaseSet& set);  // of its local members, in order
    // Whether the local databases m_named stands for are other files than
    // those opened: one deleted and made anew, or a sharded folder whose
    // shards changed in number (`idx add --shards`).
    bool layout_changed() const;
    void forget_revision();  // after a reopen: languages, cached facets and dictionary are stale
    void start_revision();   // cached facets and dictionary made anew for the languages just read
    void open_database();    // (re)opens m_named as m_databases: database, identities, query builder

    DatabaseSet m_named;                         // as given: a sharded folder is one member
    DatabaseSet m_databases;                     // m_named with its sharded folders' shards, as of the last opening
    std::vector<DatabaseIdentity> m_identities;  // of the local databases m_db was opened from
    Xapian::Database m_db;
    std::vector<DatabaseSpec> m_missing;            // members left out of m_db (allow_partial)
    std::vector<Xapian::Database> m_local_members;  // m_db's local members, each alone
    Xapian::Database m_remote_members;              // m_db's remote members as one
    bool m_any_remote = false;
    bool m_field_slots = false;  // every post of the set has slots schema::slot::first_field_facets...
    bool m_stale = false;        // m_db is unusable: its opening failed or a connection broke
    bool m_just_opened = false;  // opened by the constructor, not searched yet
    RankingSettings m_ranking;
    std::unique_ptr<QueryBuilder> m_builder;
    std::unique_ptr<SpellingCorrector> m_spelling;
    std::unique_ptr<TitleBoost> m_title_boost;
    FacetCache m_facets;
};

}  // namespace idx::query
