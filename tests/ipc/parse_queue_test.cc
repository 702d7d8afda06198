#include "ipc/parse_queue.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "ipc/body_pool.h"
#include "ipc/body_reader.h"

namespace arachne {
namespace {

TEST(ParseQueue, BodyTravelsAsADescriptor) {
  auto queue = CreateParseQueue();
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  std::string body(3 * 1024 * 1024, 'x');
  body[12345] = 'y';
  std::optional<BodyPool> pool(std::in_place);
  auto placed = pool->Place(body);
  ASSERT_TRUE(placed.ok());
  auto sent = SendParseJob(queue->fetcher_end.get(), "job-1", placed->fd());
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(*sent);
  pool.reset();  // the receiver's copy of the descriptor keeps the file alive

  auto job = ReceiveParseJob(queue->parser_end.get());
  ASSERT_TRUE(job.ok()) << job.status().ToString();
  ASSERT_TRUE(job->has_value());
  EXPECT_EQ((*job)->payload, "job-1");
  ASSERT_TRUE((*job)->body.valid());
  BodyReader reader;
  auto mapped = reader.Open(std::move((*job)->body));
  ASSERT_TRUE(mapped.ok()) << mapped.status().ToString();
  EXPECT_EQ(mapped->view(), body);
}

TEST(ParseQueue, EmptyQueueReturnsNothing) {
  auto queue = CreateParseQueue();
  ASSERT_TRUE(queue.ok());
  auto job = ReceiveParseJob(queue->parser_end.get());
  ASSERT_TRUE(job.ok());
  EXPECT_FALSE(job->has_value());
}

TEST(ParseQueue, FullQueueSaysSoInsteadOfBlocking) {
  auto queue = CreateParseQueue();
  ASSERT_TRUE(queue.ok());
  std::string payload(1000, 'p');
  int sent = 0;
  bool full = false;
  for (int i = 0; i < 100000 && !full; ++i) {  // bounded: the kernel buffer fills long before
    auto r = SendParseJob(queue->fetcher_end.get(), payload, -1);
    ASSERT_TRUE(r.ok());
    if (*r) {
      ++sent;
    } else {
      full = true;
    }
  }
  EXPECT_TRUE(full);
  EXPECT_GT(sent, 0);
  // Messages arrive whole and in order, each exactly once.
  int received = 0;
  for (int i = 0; i < sent + 1; ++i) {
    auto job = ReceiveParseJob(queue->parser_end.get());
    ASSERT_TRUE(job.ok());
    if (!job->has_value()) break;
    EXPECT_EQ((*job)->payload, payload);
    ++received;
  }
  EXPECT_EQ(received, sent);
}

TEST(ParseQueue, OversizedMessageIsRefusedByTheReader) {
  auto queue = CreateParseQueue();
  ASSERT_TRUE(queue.ok());
  std::string payload(kMaxParseJobBytes + 10, 'p');
  auto sent = SendParseJob(queue->fetcher_end.get(), payload, -1);
  ASSERT_TRUE(sent.ok());
  ASSERT_TRUE(*sent);
  auto job = ReceiveParseJob(queue->parser_end.get());
  EXPECT_FALSE(job.ok());
}

}  // namespace
}  // namespace arachne
