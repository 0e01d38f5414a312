# Payload encryption (deploy/runbook.md, "Payload encryption"): the key-encryption key (KEK) that
# wraps the per-tenant and per-contact data keys of Temporal payloads. The data keys live wrapped in
# PostgreSQL; only this key opens them, and it never leaves KMS.
resource "google_kms_key_ring" "payloads" {
  name     = "${var.name}-payloads"
  location = var.region
}

resource "google_kms_crypto_key" "payload_kek" {
  name     = "${var.name}-payload-kek"
  key_ring = google_kms_key_ring.payloads.id
  purpose  = "ENCRYPT_DECRYPT"
  # Automatic rotation: a new primary version every 90 days wraps new data keys; decrypt finds the
  # version inside each ciphertext, so keys wrapped by earlier versions stay readable. Never destroy
  # or disable an old version while data keys it wrapped are still in use (the runbook says how to check).
  rotation_period = "7776000s"

  version_template {
    algorithm        = "GOOGLE_SYMMETRIC_ENCRYPTION"
    protection_level = var.kms_protection_level
  }

  labels = {
    app         = "cadenza"
    environment = var.environment
    managed-by  = "terraform"
  }

  # Destroying this key makes every wrapped data key, and so every encrypted payload, unreadable.
  lifecycle {
    prevent_destroy = true
  }
}

# The identity the api and worker pods act as (Workload Identity): the chart's ServiceAccount
# carries the iam.gke.io/gcp-service-account annotation naming it (kms.gcpServiceAccount).
resource "google_service_account" "workloads" {
  account_id   = "${var.name}-workloads"
  display_name = "Cadenza api and worker pods"
}

resource "google_service_account_iam_member" "workloads_workload_identity" {
  service_account_id = google_service_account.workloads.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.project_id}.svc.id.goog[${var.k8s_namespace}/${var.k8s_service_account}]"
}

# Encrypt and decrypt with this key only: no key administration, no other key in the project.
resource "google_kms_crypto_key_iam_member" "workloads_payload_kek" {
  crypto_key_id = google_kms_crypto_key.payload_kek.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:${google_service_account.workloads.email}"
}
