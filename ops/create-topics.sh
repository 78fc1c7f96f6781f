#!/bin/sh
# Creates the pipeline's topics on a real Kafka (the embedded broker creates its own).
set -eu
for topic in events scored events.dlq samples; do
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1
done
