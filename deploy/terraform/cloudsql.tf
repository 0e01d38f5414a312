# Logging and audit flags of the primary and its replica, kept in one place so the two never drift.
locals {
  postgres_flags = [
    { name = "log_checkpoints", value = "on" },
    { name = "log_connections", value = "on" },
    { name = "log_disconnections", value = "on" },
    { name = "log_lock_waits", value = "on" },
    # One line with the duration of every statement, never its text (which may hold contact data).
    { name = "log_duration", value = "on" },
    { name = "log_min_duration_statement", value = "-1" },
    { name = "log_hostname", value = "on" },
    { name = "log_min_messages", value = "warning" },
    { name = "log_min_error_statement", value = "error" },
    # Schema changes only: DML text would copy CRM contact data into Cloud Logging.
    { name = "log_statement", value = "ddl" },
    { name = "cloudsql.enable_pgaudit", value = "on" },
  ]
}

resource "google_sql_database_instance" "primary" {
  # checkov:skip=CKV_GCP_6:ssl_mode ENCRYPTED_ONLY refuses every connection without TLS; checkov passes only TRUSTED_CLIENT_CERTIFICATE_REQUIRED (client certificates), which the pods' DATABASE_URL login over private IP does not use
  name                = "${var.name}-pg"
  database_version    = "POSTGRES_18" # the major version the test suite runs on (embedded PostgreSQL 18)
  region              = var.region
  deletion_protection = true
  depends_on          = [google_service_networking_connection.private_services]

  settings {
    tier              = var.db_tier
    availability_type = "REGIONAL"
    edition           = "ENTERPRISE"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    # Point-in-time recovery replays WAL onto the daily backup, to any second of 7 days.
    backup_configuration {
      enabled                        = true
      point_in_time_recovery_enabled = true
      start_time                     = "02:00"
      transaction_log_retention_days = 7
      backup_retention_settings {
        retained_backups = 14
      }
    }

    dynamic "database_flags" {
      for_each = local.postgres_flags
      content {
        name  = database_flags.value.name
        value = database_flags.value.value
      }
    }

    insights_config {
      query_insights_enabled = true
    }
  }
}

# Read replica for analytics and list queries; the API's writes stay on the primary.
resource "google_sql_database_instance" "replica" {
  # checkov:skip=CKV_GCP_6:ssl_mode ENCRYPTED_ONLY refuses every connection without TLS; checkov passes only TRUSTED_CLIENT_CERTIFICATE_REQUIRED (client certificates), which the pods' DATABASE_URL login over private IP does not use
  name                 = "${var.name}-pg-replica"
  database_version     = google_sql_database_instance.primary.database_version
  region               = var.region
  master_instance_name = google_sql_database_instance.primary.name
  deletion_protection  = true

  replica_configuration {
    failover_target = false
  }

  settings {
    tier              = var.db_tier
    availability_type = "ZONAL"
    edition           = "ENTERPRISE"

    ip_configuration {
      ipv4_enabled    = false
      private_network = google_compute_network.main.id
      ssl_mode        = "ENCRYPTED_ONLY"
    }

    # The replica serves list and analytics queries: it logs and audits like the primary.
    dynamic "database_flags" {
      for_each = local.postgres_flags
      content {
        name  = database_flags.value.name
        value = database_flags.value.value
      }
    }
  }
}

resource "google_sql_database" "cadenza" {
  name     = "cadenza"
  instance = google_sql_database_instance.primary.name
}

resource "random_password" "db" {
  length  = 32
  special = false
}

resource "google_sql_user" "cadenza" {
  name     = "cadenza"
  instance = google_sql_database_instance.primary.name
  password = random_password.db.result
}
