resource "google_sql_database_instance" "primary" {
  name                = "${var.name}-pg"
  database_version    = "POSTGRES_17"
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

    database_flags {
      name  = "log_checkpoints"
      value = "on"
    }
    database_flags {
      name  = "log_connections"
      value = "on"
    }
    database_flags {
      name  = "log_disconnections"
      value = "on"
    }
    database_flags {
      name  = "log_lock_waits"
      value = "on"
    }
    database_flags {
      name  = "log_min_duration_statement"
      value = "-1"
    }
    database_flags {
      name  = "cloudsql.enable_pgaudit"
      value = "on"
    }

    insights_config {
      query_insights_enabled = true
    }
  }
}

# Read replica for analytics and list queries; the API's writes stay on the primary.
resource "google_sql_database_instance" "replica" {
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
