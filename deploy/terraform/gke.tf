resource "google_service_account" "nodes" {
  account_id   = "${var.name}-gke-nodes"
  display_name = "Cadenza GKE nodes"
}

# Autopilot: Google runs the nodes (shielded, auto-upgraded); the chart's requests size them.
resource "google_container_cluster" "main" {
  name                = "${var.name}-gke"
  location            = var.region
  enable_autopilot    = true
  network             = google_compute_network.main.id
  subnetwork          = google_compute_subnetwork.nodes.id
  deletion_protection = true

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  private_cluster_config {
    enable_private_nodes    = true
    enable_private_endpoint = false
    master_ipv4_cidr_block  = "172.16.0.0/28"
  }

  master_authorized_networks_config {
    cidr_blocks {
      cidr_block   = var.master_authorized_cidr
      display_name = "operators"
    }
  }

  release_channel {
    channel = "REGULAR"
  }

  cluster_autoscaling {
    auto_provisioning_defaults {
      service_account = google_service_account.nodes.email
    }
  }

  # Workload Identity lets pods read Secret Manager without key files.
  workload_identity_config {
    workload_pool = "${var.project_id}.svc.id.goog"
  }
}
