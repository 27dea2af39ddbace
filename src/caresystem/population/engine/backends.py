"""Ibis backends: DuckDB in process (the default) or a local Apache Spark session for scale."""

import os
import tempfile
from functools import cache

import ibis

ENGINES = ("duckdb", "spark")


def connect(engine: str = "duckdb"):
    if engine == "duckdb":
        return ibis.duckdb.connect()
    if engine == "spark":
        return ibis.pyspark.connect(spark_session())
    raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")


@cache
def spark_session():
    """One local Spark session per process (starting one costs seconds); bound to the loopback interface."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    warehouse = tempfile.mkdtemp(prefix="caresystem-spark-")
    return (SparkSession.builder.master(os.environ.get("CARESYSTEM_SPARK_MASTER", "local[2]"))
            .appName("caresystem-population")
            .config("spark.sql.warehouse.dir", warehouse)
            .config("spark.driver.memory", os.environ.get("CARESYSTEM_SPARK_DRIVER_MEMORY", "4g"))
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .getOrCreate())
