import type {
  AdvanceCultivation,
  CreateCultivation,
  CreateRewardRule,
  Cultivation,
  CultivationBoard,
  CultivationQuery,
  GrantHonour,
  Honour,
  HonourList,
  HonourListQuery,
  PublicHonourList,
  Reward,
  RewardList,
  RewardQuery,
  RewardRule,
  RewardStatusBody,
  ReviewHonour,
  RevokeHonour,
} from '../../../../contract/schemas/brands';
import type { DeleteBody } from '../../../../contract/schemas/enterprises';
import type {
  CreateFlagship,
  CreateKeyProject,
  Flagship,
  FlagshipList,
  KeyProject,
  KeyProjectList,
  KeyProjectQuery,
  SelectKeyProject,
  UpdateKeyProject,
} from '../../../../contract/schemas/industry';
import { api, queryString, type Items } from '../../api/client';

export const listHonours = (query: HonourListQuery) => api<HonourList>('GET', `/honours${queryString(query)}`);
export const grantHonour = (body: GrantHonour) => api<Honour>('POST', '/honours', body);
export const reviewHonour = (id: string, body: ReviewHonour) => api<Honour>('POST', `/honours/${id}/review`, body);
export const revokeHonour = (id: string, body: RevokeHonour) => api<Honour>('POST', `/honours/${id}/revoke`, body);
export const listPublicHonours = () => api<PublicHonourList>('GET', '/public/honours');

export const listCultivations = (query: CultivationQuery) => api<Items<Cultivation>>('GET', `/cultivations${queryString(query)}`);
export const getCultivationBoard = () => api<CultivationBoard>('GET', '/cultivations/board');
export const createCultivation = (body: CreateCultivation) => api<Cultivation>('POST', '/cultivations', body);
export const advanceCultivation = (id: string, body: AdvanceCultivation) => api<Cultivation>('POST', `/cultivations/${id}/advance`, body);
/** Where a cultivation's documents are uploaded, listed and removed (see DocumentList). */
export const cultivationDocuments = (id: string) => `/cultivations/${id}/documents`;

export const listRewardRules = () => api<Items<RewardRule>>('GET', '/reward-rules');
export const createRewardRule = (body: CreateRewardRule) => api<RewardRule>('POST', '/reward-rules', body);
export const proposeReward = (honourId: string) => api<Reward>('POST', `/honours/${honourId}/reward`, {});
export const listRewards = (query: RewardQuery) => api<RewardList>('GET', `/rewards${queryString(query)}`);
export const moveReward = (id: string, body: RewardStatusBody) => api<Reward>('POST', `/rewards/${id}/status`, body);

export const listKeyProjects = (query: KeyProjectQuery) => api<KeyProjectList>('GET', `/key-projects${queryString(query)}`);
export const createKeyProject = (body: CreateKeyProject) => api<KeyProject>('POST', '/key-projects', body);
export const updateKeyProject = (id: string, body: UpdateKeyProject) => api<KeyProject>('PATCH', `/key-projects/${id}`, body);
export const selectKeyProject = (id: string, body: SelectKeyProject) => api<KeyProject>('POST', `/key-projects/${id}/selection`, body);
export const deleteKeyProject = (id: string, body: DeleteBody) => api<void>('DELETE', `/key-projects/${id}`, body);

export const listFlagships = (year: number) => api<FlagshipList>('GET', `/flagships${queryString({ year })}`);
export const designateFlagship = (body: CreateFlagship) => api<Flagship>('POST', '/flagships', body);
export const removeFlagship = (id: string, body: DeleteBody) => api<void>('DELETE', `/flagships/${id}`, body);
