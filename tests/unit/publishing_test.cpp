#include "indexer/publishing.hpp"

#include <gtest/gtest.h>

#include "tests/support/post_dates.hpp"

namespace idx::indexer {
namespace {

using test::make_date;

TEST(Publishing, DraftsFolderAnywhereAboveTheFile) {
    EXPECT_TRUE(in_drafts_folder("/srv/blog/_drafts/idea.md"));
    EXPECT_TRUE(in_drafts_folder("/srv/blog/news/_drafts/sub/idea.md"));
    EXPECT_TRUE(in_drafts_folder("_drafts/idea.md"));
    EXPECT_FALSE(in_drafts_folder("/srv/blog/_posts/_drafts.md"));
    EXPECT_FALSE(in_drafts_folder("/srv/blog/my_drafts/idea.md"));
    EXPECT_FALSE(in_drafts_folder("/srv/blog/_drafts-old/idea.md"));
    EXPECT_FALSE(in_drafts_folder("idea.md"));
}

TEST(Publishing, EpochSecondsUseThePostsOffsetElseTheSites) {
    EXPECT_EQ(epoch_seconds(make_date(1970, 1, 1), 0), 0);
    EXPECT_EQ(epoch_seconds(make_date(2016, 2, 21, 18, 12, 10), 0), 1456078330);
    EXPECT_EQ(epoch_seconds(make_date(2016, 2, 21, 18, 12, 10, 60), 0), 1456078330 - 3600);
    EXPECT_EQ(epoch_seconds(make_date(2016, 2, 21, 18, 12, 10), -300), 1456078330 + 5 * 3600);
    EXPECT_EQ(epoch_seconds(make_date(2000, 3, 1), 0), 951868800);
    EXPECT_EQ(epoch_seconds(make_date(1960, 1, 1), 0), -315619200);
}

TEST(Publishing, WhatJekyllWouldShow) {
    const PublishingClock clock{1456078330, 0};  // 2016-02-21 18:12:10 UTC
    Post post;
    post.path = "/srv/blog/_posts/2016-02-21-x.md";
    post.date = make_date(2016, 2, 21, 18, 12, 10);
    EXPECT_EQ(publication(post, clock), Publication::published);  // exactly now: published
    post.date = make_date(2016, 2, 21, 18, 12, 11);
    EXPECT_EQ(publication(post, clock), Publication::future);
    post.date = make_date(2016, 2, 21, 19, 12, 11, 60);  // 18:12:11 UTC
    EXPECT_EQ(publication(post, clock), Publication::future);
    post.date = make_date(2016, 2, 21, 19, 12, 10, 60);
    EXPECT_EQ(publication(post, clock), Publication::published);
    post.date.reset();
    EXPECT_EQ(publication(post, clock), Publication::published);  // no date: nothing to wait for
    post.draft = true;
    EXPECT_EQ(publication(post, clock), Publication::draft);
    post.draft = false;
    post.path = "/srv/blog/_drafts/x.md";
    post.date = make_date(2099, 1, 1);
    EXPECT_EQ(publication(post, clock), Publication::draft);  // a draft before a future post
}

}  // namespace
}  // namespace idx::indexer
